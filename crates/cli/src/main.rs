use std::process::ExitCode;

fn main() -> ExitCode {
    let status =
        area_send_cli::run(std::env::args_os().skip(1).collect(), &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(status)
}
