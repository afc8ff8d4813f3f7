//! Link settings for the `jwtscope` binary that Cargo's profiles cannot express.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if relr_supported() {
        // Pack the executable's ~6,500 relative relocations into a DT_RELR bitmap (2 KB
        // instead of a 160 KB table that the dynamic loader reads and applies entry by entry
        // at every start): 0.91x the CPU time of a run on the jwt.io token (README,
        // performance). Linkers older than GNU ld 2.38 ignore the option with a warning.
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the binary will run where it is built with DT_RELR: a native build for Linux
/// against glibc 2.36 or later. The linker records a `GLIBC_ABI_DT_RELR` version need
/// without checking that the C library has it, so on older glibc the program would not start.
fn relr_supported() -> bool {
    let var = |name| env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("HOST") != var("TARGET")
    {
        return false;
    }
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&out.stdout);
    let mut version = text
        .trim()
        .strip_prefix("glibc ")
        .unwrap_or_default()
        .split('.')
        .map(|n| n.parse::<u32>().unwrap_or(0));
    let major = version.next().unwrap_or(0);
    let minor = version.next().unwrap_or(0);
    out.status.success() && (major, minor) >= (2, 36)
}
