//! jwtscope: find, decode and explain JSON Web Tokens.
//!
//! The pipeline (see README.md): bytes from a [`source`] → tokens found by [`input`] →
//! decoded by [`token`] → explained by [`claims`] into a [`report::Report`] → printed by
//! [`output`] (or drawn by the terminal UI in the binary). Nothing here touches a terminal.

pub mod input;
pub mod token;
pub mod verify;
