fn main() {
    area_send::ui::start();
}
