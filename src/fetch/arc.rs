//! Azure Arc's key-file challenge.
//!
//! The agent (HIMDS) first answers 401 with `WWW-Authenticate: Basic realm=<path of a .key
//! file>`; whoever can read that file proves to be a local, privileged process, and sends its
//! contents back as `Authorization: Basic <contents>`. A server can name any path, so the
//! file is read only if it lies in the agent's token directory, ends in `.key` and holds at
//! most 4096 bytes (checked before reading), as every Azure SDK does.

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use super::error::{ArcKeyProblem, FetchError};
use super::host::Secret;

/// Largest key file read.
pub const MAX_KEY_LEN: u64 = 4096;

/// The agent's token directory (jwtscope is Unix-only: Linux and macOS).
pub fn token_dir() -> PathBuf {
    PathBuf::from("/var/opt/azcmagent/tokens")
}

/// Whether the agent is installed (its `himds` binary exists).
pub fn agent_on_disk() -> bool {
    Path::new("/opt/azcmagent/bin/himds").is_file()
}

/// The key file named by `WWW-Authenticate: Basic realm=<path>`.
pub fn realm_path(www_authenticate: &str) -> Option<PathBuf> {
    let v = www_authenticate.trim();
    let (scheme, rest) = v.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let rest = rest.trim_start();
    let (name, value) = rest.split_once('=')?;
    if !name.trim().eq_ignore_ascii_case("realm") {
        return None;
    }
    let value = value.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    (!value.is_empty()).then(|| PathBuf::from(value))
}

fn refuse(path: &Path, problem: ArcKeyProblem) -> FetchError {
    FetchError::ArcKeyFile {
        path: path.to_path_buf(),
        problem,
    }
}

fn io_problem(e: &io::Error) -> ArcKeyProblem {
    if e.kind() == io::ErrorKind::PermissionDenied {
        ArcKeyProblem::PermissionDenied
    } else {
        ArcKeyProblem::Unreadable(e.kind().to_string())
    }
}

fn has_key_extension(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("key"))
}

/// Read the key named by the challenge, after checking it lies in `allowed_dir`, ends in
/// `.key` and is at most 4096 bytes long.
pub fn read_key(path: &Path, allowed_dir: &Path) -> Result<Secret, FetchError> {
    // Checks on the name first, before touching the file system.
    if !has_key_extension(path) {
        return Err(refuse(path, ArcKeyProblem::NotKeyFile));
    }
    let outside = || {
        refuse(
            path,
            ArcKeyProblem::OutsideTokenDir(allowed_dir.to_path_buf()),
        )
    };
    if !path.is_absolute()
        || path
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Err(outside());
    }
    // Then on what the name resolves to: a symbolic link out of the directory does not pass.
    let dir = fs::canonicalize(allowed_dir).map_err(|e| refuse(path, io_problem(&e)))?;
    let real = fs::canonicalize(path).map_err(|e| refuse(path, io_problem(&e)))?;
    if real.parent() != Some(dir.as_path()) {
        return Err(outside());
    }
    if !has_key_extension(&real) {
        return Err(refuse(path, ArcKeyProblem::NotKeyFile));
    }
    let meta = fs::metadata(&real).map_err(|e| refuse(path, io_problem(&e)))?;
    if !meta.is_file() {
        return Err(refuse(path, ArcKeyProblem::NotAFile));
    }
    if meta.len() > MAX_KEY_LEN {
        return Err(refuse(path, ArcKeyProblem::TooLarge(meta.len())));
    }
    let mut bytes = Vec::new();
    fs::File::open(&real)
        .and_then(|f| f.take(MAX_KEY_LEN + 1).read_to_end(&mut bytes))
        .map_err(|e| refuse(path, io_problem(&e)))?;
    if bytes.len() as u64 > MAX_KEY_LEN {
        // It grew between the check and the read.
        return Err(refuse(path, ArcKeyProblem::TooLarge(bytes.len() as u64)));
    }
    let text = String::from_utf8(bytes).map_err(|_| refuse(path, ArcKeyProblem::NotText))?;
    let key = text.trim();
    if key.is_empty() || !key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(refuse(path, ArcKeyProblem::NotText));
    }
    Ok(Secret::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realms() {
        assert_eq!(
            realm_path("Basic realm=/var/opt/azcmagent/tokens/0c6e.key"),
            Some(PathBuf::from("/var/opt/azcmagent/tokens/0c6e.key"))
        );
        assert_eq!(
            realm_path(r#"basic  Realm="/tmp/x y.key""#),
            Some(PathBuf::from("/tmp/x y.key"))
        );
        assert_eq!(realm_path("Bearer realm=/x.key"), None);
        assert_eq!(realm_path("Basic"), None);
        assert_eq!(realm_path("Basic realm="), None);
        assert_eq!(realm_path("Basic charset=x"), None);
    }

    #[test]
    fn key_files_are_checked_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.key");
        fs::write(&good, "0123456789abcdef\n").unwrap();
        assert_eq!(
            read_key(&good, dir.path()).unwrap().expose(),
            "0123456789abcdef"
        );

        let outside = other.path().join("b.key");
        fs::write(&outside, "k").unwrap();
        let e = read_key(&outside, dir.path()).unwrap_err();
        assert!(
            matches!(
                &e,
                FetchError::ArcKeyFile {
                    problem: ArcKeyProblem::OutsideTokenDir(_),
                    ..
                }
            ),
            "{e}"
        );
        // Through `..` or a symbolic link, still outside.
        let dotdot = dir
            .path()
            .join("..")
            .join(other.path().file_name().unwrap())
            .join("b.key");
        assert!(read_key(&dotdot, dir.path()).is_err());
        {
            let link = dir.path().join("link.key");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            let e = read_key(&link, dir.path()).unwrap_err();
            assert!(matches!(
                e,
                FetchError::ArcKeyFile {
                    problem: ArcKeyProblem::OutsideTokenDir(_),
                    ..
                }
            ));
        }

        let txt = dir.path().join("a.txt");
        fs::write(&txt, "k").unwrap();
        assert!(matches!(
            read_key(&txt, dir.path()),
            Err(FetchError::ArcKeyFile {
                problem: ArcKeyProblem::NotKeyFile,
                ..
            })
        ));

        let big = dir.path().join("big.key");
        fs::write(&big, vec![b'a'; 4097]).unwrap();
        assert!(matches!(
            read_key(&big, dir.path()),
            Err(FetchError::ArcKeyFile {
                problem: ArcKeyProblem::TooLarge(4097),
                ..
            })
        ));
        let max = dir.path().join("max.key");
        fs::write(&max, vec![b'a'; 4096]).unwrap();
        assert!(read_key(&max, dir.path()).is_ok());

        let sub = dir.path().join("sub.key");
        fs::create_dir(&sub).unwrap();
        assert!(matches!(
            read_key(&sub, dir.path()),
            Err(FetchError::ArcKeyFile {
                problem: ArcKeyProblem::NotAFile,
                ..
            })
        ));

        let missing = dir.path().join("missing.key");
        assert!(read_key(&missing, dir.path()).is_err());
        assert!(read_key(Path::new("relative.key"), dir.path()).is_err());

        let binary = dir.path().join("bin.key");
        fs::write(&binary, [0xff, 0x00, 0x0a]).unwrap();
        assert!(matches!(
            read_key(&binary, dir.path()),
            Err(FetchError::ArcKeyFile {
                problem: ArcKeyProblem::NotText,
                ..
            })
        ));
    }
}
