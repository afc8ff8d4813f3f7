//! Any bytes through the whole pipeline: find, decode, explain, print. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_510_800, 0).unwrap_or_default();
    if let Ok(report) = jwtscope::pipeline::build(data, jwtscope::source::Source::Stdin, now) {
        let _ = jwtscope::output::json::write(std::io::sink(), &report);
        let _ = jwtscope::output::text::write(
            std::io::sink(),
            &report,
            jwtscope::output::text::TextOptions { color: true },
        );
    }
});
