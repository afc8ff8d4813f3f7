//! The `jwtscope` binary: parse the command line, run, map the result to an exit code.

mod cli;
mod run;
mod tui;

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = cli::Cli::parse_args();
    match run::run(&cli, started) {
        Ok(run::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(run::Outcome::CheckFailed) => ExitCode::from(3),
        Ok(run::Outcome::VerificationFailed) => ExitCode::from(4),
        Ok(run::Outcome::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
        // `jwtscope ... | head -1`: the reader left; that is not an error.
        Err(run::AppError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = io::stderr().lock();
            let _ = writeln!(
                err,
                "error: {}",
                jwtscope::output::sanitize::clean(&e.to_string())
            );
            if let Some(advice) = e.advice() {
                let _ = writeln!(err, "help: {advice}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}
