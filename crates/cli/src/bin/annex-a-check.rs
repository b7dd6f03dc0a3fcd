//! `annex-a-check ARGS` is `area-send check ARGS`: the command's first name, kept for scripts.
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = std::env::args_os().skip(1).collect();
    ExitCode::from(area_send_cli::check::run("annex-a-check", args, &mut std::io::stdout(), &mut std::io::stderr()))
}
