//! The `defender-errors` catalog for JavaScript: a thin wasm-bindgen layer
//! over the library, which stays the one implementation.
//!
//! The exports here are the package's core; `package/api.js` wraps them in
//! the JavaScript API (`Catalog`, `codes`, the `Error` subclasses). What
//! crosses the boundary is kept small on the hot path: the code as its index
//! in the code table, the values of the code's variables in the table's
//! order with their JavaScript types packed into one integer (`values`), and
//! a string back. Objects cross as JSON text, which `api.js` parses.
//!
//! - `values`: JavaScript values into the library's [`Args`](defender_errors::Args);
//! - `report`: the library's answers as plain JavaScript objects and errors.
#![forbid(unsafe_code)]

mod report;
mod values;

use defender_errors::{Catalog, CatalogBuilder, ErrorCode};
use wasm_bindgen::prelude::*;

pub use values::{Kinds, ValueKind};

/// A catalog, as the JavaScript `Catalog` holds it.
#[wasm_bindgen]
pub struct Core {
    catalog: Catalog,
}

#[wasm_bindgen]
impl Core {
    /// The embedded locales, with `files` (`[id, text, id, text, …]`) in place
    /// of or beside them, compiled here; their problems are in `problems()`.
    #[wasm_bindgen(constructor)]
    pub fn new(use_isolating: bool, allow_traditional_chinese: bool, files: Vec<String>) -> Core {
        let mut builder = CatalogBuilder::new();
        builder
            .use_isolating(use_isolating)
            .allow_traditional_chinese(allow_traditional_chinese);
        let mut files = files.into_iter();
        while let (Some(id), Some(text)) = (files.next(), files.next()) {
            builder.locale_source(id, text);
        }
        Core {
            catalog: builder.build(),
        }
    }

    /// The locale ids, English first.
    pub fn locales(&self) -> Vec<String> {
        self.catalog.locales().map(str::to_owned).collect()
    }

    /// What could not be loaded, as JSON `LoadProblem` objects.
    pub fn problems(&self) -> String {
        report::load_problems(self.catalog.problems())
    }

    /// The locale chosen for `accept_language`, as its index in `locales()`
    /// times two, plus one when something in the header matched.
    pub fn negotiate(&self, accept_language: &str) -> u32 {
        let negotiated = self.catalog.negotiate(accept_language);
        let index = self
            .catalog
            .locales()
            .position(|id| id == negotiated.locale)
            .unwrap_or(0);
        u32::try_from(index).unwrap_or(0) * 2 + u32::from(negotiated.matched)
    }

    /// The message of code number `code` in `locale`, with `values` for the
    /// code's variables in their order, of the JavaScript types `kinds` says.
    pub fn message(&self, locale: &str, code: usize, kinds: u32, values: Vec<JsValue>) -> String {
        let Some(&code) = ErrorCode::ALL.get(code) else {
            return String::new();
        };
        let args = values::args(code, Kinds(kinds), &values, &[]);
        self.catalog.message_args(locale, code, &args).into_owned()
    }

    /// The whole rendering, as a JSON `Rendered` object; `unknown` are the
    /// names given that the code does not have. With `strict`, any problem is
    /// thrown as a JSON `RenderError`.
    pub fn render(
        &self,
        locale: &str,
        code: usize,
        kinds: u32,
        values: Vec<JsValue>,
        unknown: Vec<String>,
        strict: bool,
    ) -> Result<String, String> {
        let Some(&code) = ErrorCode::ALL.get(code) else {
            return Err(report::unknown_code(&code.to_string()));
        };
        let args = values::args(code, Kinds(kinds), &values, &unknown);
        if strict {
            self.catalog
                .try_render_args(locale, code, &args)
                .map(|out| report::rendered(&out))
                .map_err(|e| report::render_error(&e))
        } else {
            Ok(report::rendered(
                &self.catalog.render_args(locale, code, &args),
            ))
        }
    }

    /// The error body with `localizedMessage` added, as JSON text.
    #[wasm_bindgen(js_name = localizeBody)]
    pub fn localize_body(
        &self,
        body: &str,
        accept_language: &str,
        status: Option<u16>,
    ) -> Result<String, String> {
        self.catalog
            .localize_body(body, accept_language, status)
            .map(|json| json.to_string())
            .map_err(|e| report::envelope_error(&e))
    }
}

/// Every code with its HTTP status and variables, in the library's order, as JSON.
#[wasm_bindgen(js_name = codeTable)]
pub fn code_table() -> String {
    report::code_table()
}

/// The error for a code the library does not know, as JSON: its message
/// names the nearest code, when one is close.
#[wasm_bindgen(js_name = unknownCode)]
pub fn unknown_code(input: &str) -> String {
    report::unknown_code(input)
}
