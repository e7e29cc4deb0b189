//! The exchange buffers of `message` and `render`, the hot path: `overlay-api.js`
//! writes the locale (when it is not a catalog id) and the values straight
//! into the input buffer, and reads the answer out of the output buffer, so
//! that a call allocates nothing and crosses no string through the
//! bindings' glue.
//!
//! The input, all integers little-endian:
//! - the locale, when its index is `u32::MAX`: a string;
//! - for each variable of the code, in the table's order, as `kinds` says
//!   (see [`Kinds`]): nothing (missing), a string (text, or a bigint's
//!   decimal digits), or a `f64` (a number);
//! - with `render`, a `u32` count of the names given that the code does not
//!   have, then each name as a string.
//!
//! A string is a `u32` length in bytes and that many bytes of UTF-8.

use std::borrow::Cow;

use defender_errors::{Args, ErrorCode, Value};

use crate::values::{bigint, number, Kinds, ValueKind};

/// Reads the input buffer front to back; past its end, or on bytes that are
/// not UTF-8, it reads empty strings and zeros (`overlay-api.js` never writes those).
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.bytes.len());
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        head
    }

    /// The next `N` bytes, zeros past the end.
    fn word<const N: usize>(&mut self) -> [u8; N] {
        let bytes = self.take(N);
        let mut word = [0; N];
        if let Some(head) = word.get_mut(..bytes.len()) {
            head.copy_from_slice(bytes);
        }
        word
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.word())
    }

    fn f64(&mut self) -> f64 {
        f64::from_le_bytes(self.word())
    }

    pub fn text(&mut self) -> &'a str {
        let len = usize::try_from(self.u32()).unwrap_or(usize::MAX);
        std::str::from_utf8(self.take(len)).unwrap_or_default()
    }

    /// The values of `code`'s variables, then (with `unknown_names`) the
    /// names it does not have, as the render reports them.
    pub fn args(&mut self, code: ErrorCode, kinds: Kinds, unknown_names: bool) -> Args<'a> {
        let mut args = Args::new();
        for (index, variable) in code.variables().iter().enumerate() {
            let value = match kinds.get(index) {
                ValueKind::Missing => continue,
                ValueKind::Text => Value::Str(Cow::Borrowed(self.text())),
                ValueKind::BigInt => bigint(self.text()),
                ValueKind::Number => Value::Number(number(self.f64())),
            };
            args.set(variable.name, value);
        }
        if unknown_names {
            for _ in 0..self.u32() {
                if self.bytes.is_empty() {
                    break;
                }
                args.set(self.text(), "");
            }
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defender_errors::Number;

    fn string(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&u32::try_from(s.len()).unwrap().to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }

    #[test]
    fn reads_what_api_js_writes() {
        let mut input = Vec::new();
        string(&mut input, "de-CH");
        input.extend_from_slice(&12_500f64.to_le_bytes());
        string(&mut input, "10000");
        input.extend_from_slice(&1u32.to_le_bytes());
        string(&mut input, "bogus");
        let mut reader = Reader::new(&input);
        assert_eq!(reader.text(), "de-CH");
        let kinds = Kinds(2 | 3 << 2);
        let args = reader.args(ErrorCode::MaximumBatchSizeExceeded, kinds, true);
        let names: Vec<_> = args.iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            ["batch_size_received", "batch_size_allowed", "bogus"]
        );
        assert_eq!(
            args.get("batch_size_allowed"),
            Some(&Value::Number(Number::from(10_000u32)))
        );
    }

    #[test]
    fn a_short_buffer_reads_as_empty_values() {
        let mut reader = Reader::new(&[5, 0, 0, 0, b'a']);
        assert_eq!(reader.text(), "a");
        assert_eq!(reader.text(), "");
        assert_eq!(reader.u32(), 0);
    }
}
