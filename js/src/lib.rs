//! The `defender-errors` catalog for JavaScript's `defender-errors/overlay`
//! entry, which compiles a translator's own files: a thin wasm-bindgen layer
//! over the library, which stays the one implementation. (The package's
//! main entry renders the catalog the library exports at build time, see
//! `Catalog::export`, without this module.)
//!
//! The exports here are the overlay's core; `package/overlay-api.js` wraps
//! them in the JavaScript API (`Catalog`, `codes`, the `Error` subclasses). On the
//! hot path, `message` and `render`, nothing goes through the bindings' glue
//! but integers: the code as its index in the code table, the locale as its
//! index in the catalog, the values in an exchange buffer and the answer in
//! another (see `exchange`). Objects cross as JSON text, which `overlay-api.js`
//! parses.
//!
//! - `exchange`: the buffers' layout, read into the library's [`Args`](defender_errors::Args);
//! - `values`: JavaScript numbers and bigints as the library's numbers;
//! - `report`: the library's answers and errors as JSON for `overlay-api.js`.
#![forbid(unsafe_code)]

mod exchange;
mod report;
mod values;

use defender_errors::{Catalog, CatalogBuilder, ErrorCode};
use wasm_bindgen::prelude::*;

pub use values::{Kinds, ValueKind};

/// A catalog, as the JavaScript `Catalog` holds it, with its exchange buffers.
#[wasm_bindgen]
pub struct Core {
    catalog: Catalog,
    /// The locale ids, by index.
    ids: Vec<String>,
    input: Vec<u8>,
    output: String,
}

/// The index that says the locale is in the input buffer, not an id.
const LOCALE_IN_INPUT: u32 = u32::MAX;

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
        let catalog = builder.build();
        Core {
            ids: catalog.locales().map(str::to_owned).collect(),
            catalog,
            input: vec![0; 1024],
            output: String::with_capacity(1024),
        }
    }

    /// The locale ids, English first.
    pub fn locales(&self) -> Vec<String> {
        self.ids.clone()
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
            .ids
            .iter()
            .position(|id| id == self.catalog.locale_id(negotiated.locale))
            .unwrap_or(0);
        u32::try_from(index).unwrap_or(0) * 2 + u32::from(negotiated.matched)
    }

    /// Makes the input buffer hold at least `capacity` bytes; its address in
    /// the module's memory (which may have grown). Only this moves it.
    #[wasm_bindgen(js_name = inputBuffer)]
    pub fn input_buffer(&mut self, capacity: usize) -> usize {
        if self.input.len() < capacity {
            self.input.resize(capacity, 0);
        }
        self.input.as_ptr() as usize
    }

    /// The address of the answer of the last `message` or `render`. It
    /// stays the same until a `message` writes more than `outputCapacity()`
    /// bytes, or a `render`.
    #[wasm_bindgen(js_name = outputBuffer)]
    pub fn output_buffer(&self) -> usize {
        self.output.as_ptr() as usize
    }

    /// How many bytes the output holds without moving.
    #[wasm_bindgen(js_name = outputCapacity)]
    pub fn output_capacity(&self) -> usize {
        self.output.capacity()
    }

    /// The message of code number `code` in locale number `locale` (or the
    /// locale in the input), with the values in the input as `kinds` says,
    /// written to the output; its length in bytes.
    pub fn message(&mut self, locale: u32, code: usize, kinds: u32) -> usize {
        self.output.clear();
        if let Some((locale, code, args)) =
            read_call(&self.ids, &self.input, locale, code, kinds, false)
        {
            // Writing into a String cannot fail.
            let locale = self.catalog.negotiate(locale).locale;
            let _ = self
                .catalog
                .write_message(&mut self.output, locale, (code, &args));
        }
        self.output.len()
    }

    /// The whole rendering of code number `code`, as `message` takes it
    /// plus the names the code does not have, written to the output as a
    /// JSON `Rendered` object; its length. With `strict`, any problem makes
    /// it a JSON `RenderError` instead, and the length is negated.
    pub fn render(&mut self, locale: u32, code: usize, kinds: u32, strict: bool) -> i32 {
        let catalog = &self.catalog;
        let output = &mut self.output;
        let Some((locale, code, args)) =
            read_call(&self.ids, &self.input, locale, code, kinds, true)
        else {
            *output = report::unknown_code(&code.to_string());
            return -len(output);
        };
        let locale = catalog.negotiate(locale).locale;
        match catalog.try_render(locale, (code, &args)) {
            Err(e) if strict => {
                *output = report::render_error(&e);
                -len(output)
            }
            _ => {
                *output = report::rendered(&catalog.render(locale, (code, &args)));
                len(output)
            }
        }
    }

    /// The error body with `localizedMessage` added, as JSON text.
    #[wasm_bindgen(js_name = localizeBody)]
    pub fn localize_body(
        &self,
        body: &str,
        accept_language: &str,
        status: Option<u16>,
        retry_after: Option<u64>,
    ) -> Result<String, String> {
        let locale = self.catalog.negotiate(accept_language).locale;
        let info = defender_errors::ResponseInfo::new()
            .status(status)
            .retry_after(retry_after);
        self.catalog
            .localize_body(body, locale, &info)
            .map(|localized| localized.text)
            .map_err(|e| report::envelope_error(&e))
    }
}

/// What a call of `message` or `render` asks for: the locale (catalog id
/// number `locale`, or the string in the input), the code (number `code`;
/// `None` past the table) and the values in the input.
fn read_call<'a>(
    ids: &'a [String],
    input: &'a [u8],
    locale: u32,
    code: usize,
    kinds: u32,
    unknown_names: bool,
) -> Option<(&'a str, ErrorCode, defender_errors::Args<'a>)> {
    let code = *ErrorCode::ALL.get(code)?;
    let mut reader = exchange::Reader::new(input);
    let locale = if locale == LOCALE_IN_INPUT {
        reader.text()
    } else {
        usize::try_from(locale)
            .ok()
            .and_then(|i| ids.get(i))
            .map_or(defender_errors::SOURCE_LOCALE, String::as_str)
    };
    Some((locale, code, reader.args(code, Kinds(kinds), unknown_names)))
}

/// The length of an answer, which is far below 2 GiB (bodies are capped at 1 MiB).
fn len(output: &str) -> i32 {
    i32::try_from(output.len()).unwrap_or(i32::MAX)
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
