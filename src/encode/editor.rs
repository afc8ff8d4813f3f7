//! Editing a token in the user's editor, as `kubectl edit` does: the header and payload as
//! pretty JSON in a private temporary file, `$VISUAL`/`$EDITOR` (else `vi`) run on it, the
//! token rebuilt from what was saved; a JSON error reopens the editor with the error on top.
//!
//! No terminal code: the caller (the UI) hands the terminal over before calling
//! [`edit_token`] and takes it back after.

use std::path::Path;
use std::process::Command;

use super::edit::{self, Rebuilt};
use crate::token::Token;
use crate::verify::signing::SigningKey;

/// How an edit ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditOutcome {
    /// Saved with changes: the new token.
    Rebuilt(Rebuilt),
    /// Saved without changes.
    Unchanged,
    /// The editor failed, the file was emptied, or left as it was after an error: nothing
    /// changes.
    Cancelled(String),
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command(env: &dyn Fn(&str) -> Option<String>) -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| env(v))
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

const HELP: &str = "# Edit the token's header and payload. Lines starting with '#' are ignored;\n# save an empty file to cancel.\n";

/// Edit `token` in `editor` (a shell command line, like `$EDITOR`; the file name is appended)
/// and rebuild it; signed again when `key` is given, else with the old signature kept.
pub fn edit_token(
    token: &Token,
    key: Option<&SigningKey>,
    editor: &str,
) -> Result<EditOutcome, String> {
    let Some(original) = edit::editor_document(token) else {
        return Err(
            "only a token whose payload is a JSON object can be edited (not an encrypted or non-JSON one)"
                .to_string(),
        );
    };
    let file = TempFile::create()?;
    // What the editor shows: the original, or after an error what the user saved.
    let mut shown = original.clone();
    let mut error: Option<String> = None;
    loop {
        let mut text = String::new();
        if let Some(e) = &error {
            text.push_str(&format!("# error: {}\n", e.replace('\n', " ")));
        }
        text.push_str(HELP);
        text.push_str(&shown);
        file.write(&text)?;
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(file.path())
            .status()
            .map_err(|e| format!("cannot run the editor {editor:?}: {e}"))?;
        if !status.success() {
            return Ok(EditOutcome::Cancelled(format!(
                "the editor {editor:?} exited with {status}; nothing changed"
            )));
        }
        let saved = std::fs::read_to_string(file.path())
            .map_err(|e| format!("cannot read the edited file: {e}"))?;
        // After an error, the file back as it was shown (`:q!`): the same error would come
        // again, so the edit ends there.
        if let Some(e) = &error
            && saved == text
        {
            return Ok(EditOutcome::Cancelled(format!(
                "nothing changed: the editor was left without a change after an error ({e})"
            )));
        }
        // Comment lines become blank, so an error's line number is the file's.
        let json: String = saved
            .lines()
            .map(|l| {
                if l.trim_start().starts_with('#') {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        if json.trim().is_empty() {
            return Ok(EditOutcome::Cancelled(
                "the file was emptied; nothing changed".to_string(),
            ));
        }
        if json.trim() == original.trim() {
            return Ok(EditOutcome::Unchanged);
        }
        match edit::rebuild_from_document(token, &json, key) {
            Ok(r) => return Ok(EditOutcome::Rebuilt(r)),
            Err(e) => {
                shown = format!("{}\n", json.trim());
                error = Some(e);
            }
        }
    }
}

/// A file only the user can read (it holds a token), removed when dropped.
struct TempFile(tempfile::NamedTempFile);

impl TempFile {
    fn create() -> Result<Self, String> {
        // tempfile creates it 0600 on Unix, with a random name, and removes it on drop.
        tempfile::Builder::new()
            .prefix("jwtscope-edit-")
            .suffix(".json")
            .tempfile()
            .map(TempFile)
            .map_err(|e| format!("cannot create a temporary file: {e}"))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Replace the content (editors may replace the file, so it is opened by name).
    fn write(&self, text: &str) -> Result<(), String> {
        std::fs::write(self.path(), text)
            .map_err(|e| format!("cannot write {}: {e}", self.path().display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token;

    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    /// A scripted editor: a shell script run as `$EDITOR`.
    fn script(dir: &Path, body: &str) -> String {
        let path = dir.join("editor.sh");
        std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
        format!("sh {}", path.display())
    }

    #[test]
    fn a_scripted_editor_changes_a_claim_and_the_token_is_signed_again() {
        let dir = tempfile::tempdir().unwrap();
        let editor = script(dir.path(), "sed -i 's/John Doe/Jane/' \"$1\"");
        let t = token::decode(TOKEN).unwrap();
        let key = SigningKey::from_secret_text("your-256-bit-secret").unwrap();
        let EditOutcome::Rebuilt(r) = edit_token(&t, Some(&key), &editor).unwrap() else {
            panic!("not rebuilt")
        };
        assert!(r.signed);
        let new = token::decode(&r.token).unwrap();
        assert_eq!(new.payload.claims().unwrap()["name"], "Jane");
        // Without a key: the old signature, said so by `signed: false`.
        let EditOutcome::Rebuilt(r) = edit_token(&t, None, &editor).unwrap() else {
            panic!("not rebuilt")
        };
        assert!(!r.signed);
        assert!(r.token.ends_with(&t.signature));
    }

    #[test]
    fn a_syntax_error_reopens_the_editor_with_the_error_on_top() {
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        // First save breaks the JSON; the second run records what it was shown and fixes it.
        let editor = script(
            dir.path(),
            &format!(
                "if [ -e {seen}.1 ]; then cp \"$1\" {seen}; sed -i 's/\"Jane\",,/\"Jane\",/' \"$1\"; else touch {seen}.1; sed -i 's/\"John Doe\",/\"Jane\",,/' \"$1\"; fi",
                seen = seen.display()
            ),
        );
        let t = token::decode(TOKEN).unwrap();
        let EditOutcome::Rebuilt(r) = edit_token(&t, None, &editor).unwrap() else {
            panic!("not rebuilt")
        };
        let shown = std::fs::read_to_string(&seen).unwrap();
        assert!(shown.starts_with("# error: not JSON"), "{shown}");
        // The line number is the file's (the two help lines count), where the bad comma is.
        assert!(shown.contains(" at line 10 "), "{shown}");
        assert!(
            shown.contains("\"Jane\",,"),
            "the user's text is kept: {shown}"
        );
        let new = token::decode(&r.token).unwrap();
        assert_eq!(new.payload.claims().unwrap()["name"], "Jane");
    }

    #[test]
    fn quitting_without_a_change_after_an_error_ends_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        let runs = dir.path().join("runs");
        // The first run breaks the JSON; every later one quits without saving (vi's :q!).
        let editor = script(
            dir.path(),
            &format!(
                "echo run >> {runs}; if [ $(wc -l < {runs}) = 1 ]; then sed -i 's/\"John Doe\",/\"Jane\",,/' \"$1\"; fi",
                runs = runs.display()
            ),
        );
        let t = token::decode(TOKEN).unwrap();
        let EditOutcome::Cancelled(why) = edit_token(&t, None, &editor).unwrap() else {
            panic!("not cancelled")
        };
        assert!(
            why.starts_with(
                "nothing changed: the editor was left without a change after an error (not JSON"
            ),
            "{why}"
        );
        // Opened twice: once to edit, once with the error on top; not a third time.
        assert_eq!(std::fs::read_to_string(&runs).unwrap().lines().count(), 2);
    }

    #[test]
    fn unchanged_empty_and_failed_edits_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let t = token::decode(TOKEN).unwrap();
        assert_eq!(
            edit_token(&t, None, "true").unwrap(),
            EditOutcome::Unchanged
        );
        let empty = script(dir.path(), ": > \"$1\"");
        assert!(matches!(
            edit_token(&t, None, &empty).unwrap(),
            EditOutcome::Cancelled(_)
        ));
        assert!(matches!(
            edit_token(&t, None, "false").unwrap(),
            EditOutcome::Cancelled(_)
        ));
        let env = |k: &str| (k == "EDITOR").then(|| "nano".to_string());
        assert_eq!(editor_command(&env), "nano");
        assert_eq!(editor_command(&|_| None), "vi");
        // The file holds a token: only its owner reads it, and it is gone afterwards.
        let record = dir.path().join("record");
        let spy = format!(
            "stat -c %a \"$1\" > {r}; echo \"$1\" >> {r}",
            r = record.display()
        );
        edit_token(&t, None, &spy).unwrap();
        let seen = std::fs::read_to_string(&record).unwrap();
        let mut lines = seen.lines();
        assert_eq!(lines.next(), Some("600"));
        assert!(!Path::new(lines.next().unwrap()).exists());
    }
}
