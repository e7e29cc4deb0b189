//! Localized messages for the Microsoft 365 Defender REST API error codes.
//!
//! The API answers a failure with a stable English code (`ResourceNotFound`),
//! an HTTP status and an English message. This crate turns them into the
//! message a person reads in their own language (English, Dutch, Danish,
//! German, Simplified Chinese, French), from plain Fluent files that
//! translators edit.
//!
//! The core types:
//! - [`ErrorCode`]: the 20 codes, their HTTP status and their variables.
//! - [`DefenderError`]: one error with its values, checked by the compiler;
//!   [`Args`] for values that arrive at run time.
//! - [`Catalog`]: every locale, compiled once, shared by all threads.
//! - [`Rendered`]: the localized message, note, hint and status phrase.
//! - [`Catalog::localize_body`]: the API's error envelope, localized;
//!   [`parse_retry_after`] and [`ResponseInfo`] give it a throttled
//!   response's wait.
//! - [`Envelope`]: the one writer of an error envelope, English or
//!   localized ([`Catalog::error_body`] writes a typed error with it).
//!
//! # Example: negotiate, render, print
//!
//! ```
//! use defender_errors::{Catalog, DefenderError};
//!
//! let catalog = Catalog::new();
//! let locale = catalog.negotiate("de-CH,de;q=0.9,en;q=0.8").locale;
//! let error = DefenderError::ResourceNotFound { resource: "Machine-42".into() };
//! let out = catalog.render(locale, &error);
//! assert_eq!((out.locale, out.fallback), ("de", false)); // German, no English in it
//! assert!(out.message.contains("Machine-42")); // "Die Ressource Machine-42 wurde nicht gefunden."
//! println!("{} ({}): {}", out.code, out.status_text, out.message);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod catalog;
#[cfg(feature = "translators")]
pub mod check;
mod code;
mod diagnostic;
mod envelope;
#[cfg(feature = "export")]
mod export;
pub mod negotiate;
mod pattern;
#[cfg(feature = "translators")]
pub mod preview;
mod render;
mod retry_after;

pub use catalog::{
    locale_files, Catalog, CatalogBuilder, LoadProblem, LocaleFile, LocaleFileError, OverlayError,
    Renderable, LOCALE_FILE_NAME, MAX_LOCALE_FILE_BYTES, SOURCE_LOCALE,
};
pub use code::{
    DefenderError, ErrorCode, UnknownCodeError, Variable, VariableKind, GENERIC_STATUSES,
};
pub use diagnostic::{Rule, Severity};
pub use envelope::{Envelope, EnvelopeError, LocalizedBody, MAX_BODY_BYTES};
pub use negotiate::{Locale, Negotiated};
pub use render::args::{Args, Value};
pub use render::escape::{is_unsafe_char, write_escaped, MAX_VALUE_CHARS};
pub use render::number::Number;
pub use render::{Problem, RenderError, Rendered};
pub use retry_after::{parse_retry_after, ResponseInfo, MAX_RETRY_AFTER};

/// The README's examples, compiled and run as doctests so that they cannot drift.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
