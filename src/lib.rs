//! jwtscope: find, decode and explain JSON Web Tokens.
//!
//! The [`pipeline`]: bytes from a [`source`] → candidates found by [`input`] → decoded by
//! [`token`] → explained by [`claims`] (and checked by [`verify`]) into a [`report::Report`]
//! → printed by [`output`] (or drawn by the terminal UI in the binary). Nothing in this
//! library touches a terminal.

pub mod claims;
pub mod fetch;
pub mod input;
pub mod login;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod source;
pub mod token;
pub mod verify;
