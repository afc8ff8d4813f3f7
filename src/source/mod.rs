//! Where input comes from: a command-line argument, a file, standard input, a paste in the
//! UI (and, in its own module, a live managed-identity fetch). Reading is size-capped: an
//! oversized file is refused without being read; a pipe, whose size is not known, is read up
//! to the limit and refused at the first byte beyond it.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Default cap on input size: 64 MiB.
pub const DEFAULT_MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Where the input came from, for titles and the JSON `source` member.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// The token text was a command-line argument.
    Argument,
    /// Standard input.
    Stdin,
    /// A file (a name that is not UTF-8 is written with U+FFFD in the JSON).
    File {
        #[serde(serialize_with = "lossy_path")]
        path: PathBuf,
    },
    /// Pasted into the terminal UI.
    Paste,
    /// Fetched from a managed-identity endpoint (`jwtscope imds`): what was asked of whom.
    Fetch(crate::fetch::FetchInfo),
    /// Signed in with `jwtscope login`: the flow, authority, issuer, client and scopes.
    Login(LoginInfo),
}

fn lossy_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Argument => f.write_str("argument"),
            Source::Stdin => f.write_str("stdin"),
            Source::File { path } => write!(f, "{}", path.display()),
            Source::Paste => f.write_str("paste"),
            Source::Fetch(info) => write!(f, "{info}"),
            Source::Login(info) => write!(f, "{info}"),
        }
    }
}

/// How `jwtscope login` had its tokens (`{"type": "login", ...}`). Kept here, not in
/// `login`, so that the sign-in module can use the pipeline without a module cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoginInfo {
    /// `auth-code`, `device-code` or `client-credentials`.
    pub flow: String,
    pub authority: String,
    pub issuer: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Whether these tokens came from a refresh (`R` in the UI).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refreshed: bool,
}

impl fmt::Display for LoginInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "login {} at {}", self.flow, self.authority)?;
        if self.refreshed {
            f.write_str(" (refreshed)")?;
        }
        Ok(())
    }
}

/// Why input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(
        "{what} is larger than the {limit}-byte input limit ({size}); raise it with --max-input-size"
    )]
    TooLarge {
        what: String,
        size: String,
        limit: u64,
    },
    #[error("cannot read {what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
}

impl ReadError {
    /// The same error, saying `what` was being read (an option and its file, say).
    #[must_use]
    pub fn named(self, what: String) -> Self {
        match self {
            ReadError::Io { source, .. } => ReadError::Io { what, source },
            ReadError::TooLarge { size, limit, .. } => ReadError::TooLarge { what, size, limit },
        }
    }
}

/// Read everything from `reader`, refusing more than `limit` bytes.
pub fn read_capped(reader: impl Read, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    read_capped_sized(reader, limit, what, None)
}

/// As [`read_capped`], with the expected size when it is known (a regular file), so the buffer
/// is allocated once instead of doubling.
pub fn read_capped_sized(
    reader: impl Read,
    limit: u64,
    what: &str,
    size_hint: Option<u64>,
) -> Result<Vec<u8>, ReadError> {
    let expected = size_hint.unwrap_or(0).min(limit).saturating_add(1);
    let mut buf = Vec::new();
    // The size is only a hint (a sparse file, a raised --max-input-size): when that much
    // memory cannot be had, say so instead of aborting. Beyond the hint the buffer grows as
    // data arrives, and read_to_end reports running out of memory as an error too.
    if let Ok(n) = usize::try_from(expected)
        && buf.try_reserve_exact(n).is_err()
    {
        return Err(ReadError::Io {
            what: what.to_string(),
            source: io::Error::new(
                io::ErrorKind::OutOfMemory,
                format!("not enough memory to hold {} bytes", n - 1),
            ),
        });
    }
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|source| ReadError::Io {
            what: what.to_string(),
            source,
        })?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            what: what.to_string(),
            size: "more than that".to_string(),
            limit,
        });
    }
    Ok(buf)
}

/// Read a file, refusing it up front when its size is known to exceed `limit`.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let what = path.display().to_string();
    let io_err = |source| ReadError::Io {
        what: what.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a directory",
        )));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge {
            what,
            size: format!("{} bytes", meta.len()),
            limit,
        });
    }
    read_capped_sized(file, limit, &what, meta.is_file().then_some(meta.len()))
}

/// Read standard input, refusing more than `limit` bytes. When standard input is a regular
/// file (`jwtscope - < token.txt`), an oversized one is refused before reading.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::os::fd::AsFd as _;
    let what = "standard input";
    let size = io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from)
        .and_then(|f| f.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    if let Some(size) = size
        && size > limit
    {
        return Err(ReadError::TooLarge {
            what: what.to_string(),
            size: format!("{size} bytes"),
            limit,
        });
    }
    read_capped_sized(io::stdin().lock(), limit, what, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_enforced_without_reading_everything() {
        let big = io::repeat(b'a');
        let e = read_capped(big, 1024, "stdin").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("stdin is larger than the 1024-byte input limit")
        );
        assert_eq!(read_capped(&b"abc"[..], 3, "x").unwrap(), b"abc");
    }

    #[test]
    fn a_size_that_cannot_be_allocated_is_an_error_not_an_abort() {
        // Issue 8.7: a 100 GB sparse file under a raised limit aborted the process.
        let e = read_capped_sized(&b"abc"[..], u64::MAX, "big", Some(u64::MAX / 2)).unwrap_err();
        assert!(e.to_string().contains("not enough memory"), "{e}");
    }
}
