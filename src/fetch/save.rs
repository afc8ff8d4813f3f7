//! `--save FILE`: the raw answer, readable by its owner only.

use std::fs;
use std::io::{self, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

/// Write `body` to `path`, readable and writable by the owner only (mode 0600).
///
/// The file is written next to `path` under a fresh name (tempfile creates it exclusively,
/// so never through a symbolic link, with mode 0600 from the start) and then renamed over
/// `path`, so an existing file is replaced whole and a reader never sees half a token. A
/// symbolic link at `path` is refused rather than replaced or followed. On failure the
/// temporary file is removed.
pub fn save_response(path: &Path, body: &[u8]) -> io::Result<()> {
    let (dir, name) = check_save_path(path)?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(body)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether [`save_response`] can write to `path`, checked before anything is fetched (the
/// writer checks the same): not a symbolic link nor a directory, a file name in a directory
/// that exists. Returns that directory and the name.
pub fn check_save_path(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is a symbolic link; refusing to write through it",
                    path.display()
                ),
            ));
        }
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is a directory", path.display()),
            ));
        }
    }
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let meta = fs::metadata(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is not a directory", dir.display()),
        ));
    }
    Ok((dir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_owner_only_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("managedid.json");
        fs::write(&p, "old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        save_response(&p, b"{\"access_token\":\"x\"}").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"{\"access_token\":\"x\"}");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_symbolic_links_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(save_response(&link, b"secret").is_err());
        assert_eq!(fs::read(&target).unwrap(), b"keep");
        assert!(save_response(dir.path(), b"x").is_err());
        assert!(save_response(&dir.path().join("missing-dir/x.json"), b"x").is_err());
    }
}
