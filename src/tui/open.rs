//! `o`: the path prompt. What Tab completes, from the directory being typed; opening the file
//! is the command line's way (`source::read_file` with `--max-input-size`, then the pipeline),
//! done by the state ([`super::app::App`]).

use std::path::{Path, PathBuf};

/// Candidates kept to be listed under the prompt (the count says how many more match).
const SHOWN: usize = 200;

/// The path prompt's state.
#[derive(Debug, Clone, Default)]
pub struct OpenBox {
    /// The path as typed (`~` not expanded: it is expanded when used).
    pub input: String,
    /// What the last Tab found when it was ambiguous, in order; directories end with `/`.
    pub candidates: Vec<String>,
    /// Matches not in `candidates`.
    pub more: usize,
    /// Why the last Tab found nothing, or why the file did not open.
    pub error: Option<String>,
}

/// What Tab makes of a typed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The path completed as far as every match agrees.
    pub input: String,
    /// The matches when there are several (at most [`SHOWN`]); directories end with `/`.
    pub candidates: Vec<String>,
    pub more: usize,
    /// Why nothing was completed, when nothing matches.
    pub note: Option<String>,
}

/// The path a typed one names: `~` and `~/...` are in the home directory.
pub fn expand(input: &str, home: Option<&Path>) -> PathBuf {
    match (input.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(input),
    }
}

/// Complete `input` from the entries of the directory it names: the longest prefix every
/// matching entry shares (and `/` after a directory that is the only match), with the matches
/// listed when there are several. Hidden entries match only a prefix that starts with `.`;
/// names that are not UTF-8 cannot be typed, so they are left out.
/// What `path` is when opening or reading it can wait for another program (a FIFO waits for
/// a writer, a terminal or socket for input): "a FIFO", ...; `None` for a file, a directory
/// or a path that does not exist (reading says what is wrong with those). Asked with `stat`,
/// which never waits.
pub fn would_block(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt as _;
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_fifo() {
        Some("a FIFO")
    } else if kind.is_char_device() {
        Some("a character device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        None
    }
}

pub fn complete(input: &str, home: Option<&Path>) -> Completion {
    let done = |input: String| Completion {
        input,
        candidates: Vec::new(),
        more: 0,
        note: None,
    };
    if input == "~" && home.is_some() {
        return done("~/".to_string());
    }
    let (dir_text, prefix) = match input.rfind('/') {
        Some(i) => input.split_at(i + 1),
        None => ("", input),
    };
    let dir = if dir_text.is_empty() {
        PathBuf::from(".")
    } else {
        expand(dir_text, home)
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            return Completion {
                note: Some(format!(
                    "cannot read {}: {e}",
                    if dir_text.is_empty() { "." } else { dir_text }
                )),
                ..done(input.to_string())
            };
        }
    };
    let mut matches: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            // Through a link too: a link to a directory completes like one.
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir())
                || (e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir());
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [] => Completion {
            note: Some(if prefix.is_empty() {
                "nothing to list here (hidden entries are listed after a .)".to_string()
            } else {
                format!("nothing here starts with {prefix}")
            }),
            ..done(input.to_string())
        },
        [only] => done(format!("{dir_text}{only}")),
        [first, rest @ ..] => {
            let common = rest
                .iter()
                .fold(first.as_str(), |acc, m| common_prefix(acc, m))
                .to_string();
            let more = matches.len().saturating_sub(SHOWN);
            matches.truncate(SHOWN);
            Completion {
                input: format!("{dir_text}{common}"),
                candidates: matches,
                more,
                note: None,
            }
        }
    }
}

/// The longest prefix `a` and `b` share, cut at a character boundary.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let len = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    &a[..len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifos_and_devices_are_named_before_anything_waits_on_them() {
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(would_block(&fifo), Some("a FIFO"));
        assert_eq!(
            would_block(Path::new("/dev/null")),
            Some("a character device")
        );
        let file = d.path().join("token.jwt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(would_block(&file), None);
        assert_eq!(would_block(d.path()), None);
        assert_eq!(would_block(&d.path().join("missing")), None);
    }

    fn tree() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in [
            "token-a.jwt",
            "token-b.jwt",
            "tenant.json",
            ".hidden",
            "ünï.txt",
        ] {
            std::fs::write(d.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(d.path().join("logs")).unwrap();
        std::fs::write(d.path().join("logs/app.log"), "x").unwrap();
        d
    }

    fn at(d: &tempfile::TempDir, rest: &str) -> String {
        format!("{}/{rest}", d.path().display())
    }

    #[test]
    fn one_match_completes_whole_and_a_directory_gets_its_slash() {
        let d = tree();
        assert_eq!(complete(&at(&d, "lo"), None).input, at(&d, "logs/"));
        assert_eq!(
            complete(&at(&d, "logs/"), None).input,
            at(&d, "logs/app.log")
        );
        assert_eq!(complete(&at(&d, "ü"), None).input, at(&d, "ünï.txt"));
    }

    #[test]
    fn several_matches_complete_their_common_prefix_and_are_listed() {
        let d = tree();
        let c = complete(&at(&d, "t"), None);
        assert_eq!(c.input, at(&d, "t"));
        assert_eq!(c.candidates, ["tenant.json", "token-a.jwt", "token-b.jwt"]);
        let c = complete(&at(&d, "to"), None);
        assert_eq!(c.input, at(&d, "token-"));
        assert_eq!(c.candidates, ["token-a.jwt", "token-b.jwt"]);
    }

    #[test]
    fn hidden_entries_need_a_dot_and_misses_say_so() {
        let d = tree();
        let c = complete(&at(&d, ""), None);
        assert!(!c.candidates.contains(&".hidden".to_string()), "{c:?}");
        let only_hidden = tempfile::tempdir().unwrap();
        std::fs::write(only_hidden.path().join(".bashrc"), "").unwrap();
        let c = complete(&format!("{}/", only_hidden.path().display()), None);
        assert!(
            c.note
                .unwrap()
                .contains("hidden entries are listed after a .")
        );
        assert_eq!(complete(&at(&d, "."), None).input, at(&d, ".hidden"));
        let c = complete(&at(&d, "zz"), None);
        assert_eq!(c.input, at(&d, "zz"));
        assert_eq!(c.note.as_deref(), Some("nothing here starts with zz"));
        let c = complete(&at(&d, "nope/x"), None);
        assert!(c.note.unwrap().starts_with("cannot read"));
    }

    #[test]
    fn a_tilde_is_the_home_directory() {
        let d = tree();
        let home = Some(d.path());
        assert_eq!(complete("~", home).input, "~/");
        assert_eq!(complete("~/lo", home).input, "~/logs/");
        assert_eq!(
            expand("~/logs/app.log", home),
            d.path().join("logs/app.log")
        );
        assert_eq!(expand("~", home), d.path());
        // Without a home, or a user's name after it, it is a name like any other.
        assert_eq!(expand("~/x", None), PathBuf::from("~/x"));
        assert_eq!(expand("~bob/x", home), PathBuf::from("~bob/x"));
    }

    #[test]
    fn common_prefixes_stop_at_characters() {
        assert_eq!(common_prefix("token-a", "token-b"), "token-");
        assert_eq!(common_prefix("ab", "abc"), "ab");
        assert_eq!(common_prefix("é1", "é2"), "é");
        assert_eq!(common_prefix("é", "è"), "");
    }
}
