//! Finding alone: the token candidates of a file, found the way `jwtscope FILE` finds them
//! (each with its origin, such as `line 12 (Authorization header)`), counted, and nothing
//! decoded or printed. `benches/compare-jwt-cli.sh` times it beside `rg --count-matches` with
//! the token pattern (issue 12: finding should run at ripgrep's speed or better).
//!
//!     cargo run --release --example find -- FILE
use std::ops::ControlFlow;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: find FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let (mut count, mut origins) = (0u64, 0usize);
    let found = jwtscope::input::find_each(&bytes, &mut |f| {
        count += 1;
        origins += f.origin.len();
        ControlFlow::Continue(())
    });
    match found {
        Ok(()) => {
            println!("{count} candidates ({origins} bytes of origins)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
