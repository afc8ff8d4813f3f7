//! Printers for the [`Report`](crate::report::Report): text and JSON, both written against
//! `impl Write`, plus the sanitiser every string from a token passes through on its way to a
//! terminal.

pub mod json;
pub mod parallel;
pub mod sanitize;
pub mod stream;
pub mod text;
