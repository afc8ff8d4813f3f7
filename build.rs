//! Start-up layout of the release binary (issue 12).
//!
//! A run touches about 270 of the binary's 4,700 functions. Scattered over 4.5 MB of code,
//! they cost 24 page faults and about 1.9 MB of resident memory, because the kernel maps 64 KB
//! around each fault. `build/startup.order` lists them (written by
//! `benches/startup-order.sh`), and the linker lays them out first and side by side: 7 faults,
//! 2 MB less resident memory, 6% less time for a small token. The statically linked build
//! has its own list, `build/startup-static.order` (`benches/startup-order.sh --static`).
//!
//! The list names symbols, so only rust-lld (the linker of x86_64-unknown-linux-gnu since Rust
//! 1.90) is given it; any other linker or target links as before. A name the list has and the
//! build does not (another compiler version mangles with other hashes) is skipped without a
//! word: the binary is the same, only its layout is the default one.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build/startup.order");
    println!("cargo:rerun-if-changed=build/startup-static.order");
    println!("cargo:rerun-if-env-changed=JWTSCOPE_KEEP_SYMBOLS");
    let Ok(dir) = env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    // The statically linked build (README) has names of its own: its flags change the hashes.
    let static_build =
        env::var("CARGO_CFG_TARGET_FEATURE").is_ok_and(|f| f.split(',').any(|f| f == "crt-static"));
    let list = if static_build {
        "startup-static.order"
    } else {
        "startup.order"
    };
    let order = Path::new(&dir).join("build").join(list);
    if env::var("PROFILE").as_deref() != Ok("release") || !links_with_rust_lld() {
        return;
    }
    let Some(order) = order.to_str().filter(|p| !p.contains(',')) else {
        return;
    };
    println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={order}");
    println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    // For benches/startup-order.sh: the same build (the profile is part of every symbol's
    // hash), with its symbol table kept. The last strip option given to the linker wins.
    if env::var_os("JWTSCOPE_KEEP_SYMBOLS").is_some() {
        println!("cargo:rustc-link-arg-bins=-Wl,--strip-debug");
    }
}

/// Whether the binary is linked by the rust-lld that rustc ships: the target's default since
/// Rust 1.90, unless a linker is configured or the flags choose one.
fn links_with_rust_lld() -> bool {
    if env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || env::var_os("RUSTC_LINKER").is_some()
    {
        return false;
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if ["linker", "link-self-contained", "fuse-ld"]
        .iter()
        .any(|f| flags.contains(f))
    {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let Some(version) = output_of(&rustc, &["-vV"]) else {
        return false;
    };
    let minor = version
        .lines()
        .find_map(|l| l.strip_prefix("release: 1."))
        .and_then(|rest| rest.split('.').next()?.parse::<u32>().ok());
    if minor.is_none_or(|m| m < 90) {
        return false;
    }
    // A rustc built without its lld (some distributions) links with the system's linker.
    output_of(&rustc, &["--print", "sysroot"]).is_some_and(|sysroot| {
        Path::new(sysroot.trim())
            .join("lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld")
            .exists()
    })
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
