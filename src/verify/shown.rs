//! Values shortened for a one-line message.

use serde_json::Value;

/// A JSON value for a message: JSON text (so escaped), shortened.
pub(crate) fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 100 {
        let cut: String = s.chars().take(97).collect();
        format!("{cut}...")
    } else {
        s
    }
}
