//! The catalog as data, for a renderer written in another language: the
//! npm package's JavaScript renderer reads this at its build, so that a
//! browser gets the compiled messages without the Fluent compiler.

use serde_json::{json, Map, Value as Json};

use crate::code::{ErrorCode, VariableKind, GENERIC_STATUSES};
use crate::pattern::ways::{phrasings, Piece};
use crate::pattern::{Key, Pattern, SegRef, Selector};
use crate::render::escape::MAX_VALUE_CHARS;
use crate::render::number::{Number, NumberPatch};
use crate::Catalog;
use crate::MAX_BODY_BYTES;

impl Catalog {
    /// Every locale's compiled messages, and what a renderer needs besides
    /// them, as JSON (requires the `export` feature):
    ///
    /// - `codes`: each code's `code`, `status` and `variables` (`name`,
    ///   `kind` `"string"` or `"number"`, `description`, `optional`), in
    ///   [`ErrorCode::ALL`]'s order;
    /// - `locales`: each locale's `id`; its `numbers` (how it writes a
    ///   number: `minus`, `separator` between groups, `primary` and
    ///   `secondary` group sizes, `minGrouping`, the digits a number needs
    ///   left of the first group before it is grouped, and `decimal`, the
    ///   separator of a fraction; `null` when ICU4X's text has another
    ///   shape); its `codes` (by code, `null` where the locale lacks it, else
    ///   `[value, attributes]` with the attributes by name); its `statuses`
    ///   (`"404": [phrase, generic or null]`) and its `extras` (the
    ///   messages that are not codes, by id);
    /// - `recover`: by code, `null` for a code without variables, else the
    ///   phrasings [`localize_body`](Self::localize_body) reads values back
    ///   through, in the order it tries them (its English message, then the
    ///   code table's other phrasings of it): each a list of ways, a way
    ///   being its pieces (text, and variables as in a pattern), or
    ///   `{"pieces": […], "known": [[variable, number], …]}` for a way that
    ///   says a variable's value itself (the variant `[0]` of a select on
    ///   `$retry_after`: "now" reads as a wait of 0);
    /// - `genericStatuses` ([`GENERIC_STATUSES`](crate::GENERIC_STATUSES))
    ///   with `genericCodes`, the code of each that has one
    ///   ([`ErrorCode::generic_for_status`]); `maxValueChars`
    ///   ([`MAX_VALUE_CHARS`](crate::MAX_VALUE_CHARS)) and `maxBodyBytes`
    ///   ([`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES)).
    ///
    /// A pattern is a string when it is only text, else an array of pieces:
    /// a string is text, a number `i` the value of the code's variable `i`,
    /// `{"number": i, "options": {…}}` the variable through `NUMBER()` with
    /// the options it sets, `{"missing": name}` a variable the code does not
    /// have (shown as `{$name}`), and `{"select": i, "options": {…},
    /// "variants": [[key, pattern], …], "default": d}` a select on variable
    /// `i` (`{"selectText": pattern, …}` on text made when rendering), a key
    /// being a name (a plural category or any other) or `{"number": text}`.
    /// Isolation marks, when the catalog has them, are text.
    ///
    /// Every locale is compiled by this call.
    ///
    /// ```
    /// use defender_errors::Catalog;
    ///
    /// let data = Catalog::new().export();
    /// assert_eq!(data["locales"][3]["id"], "de");
    /// // Code 8 is MaximumBatchSizeExceeded: text and its two numbers.
    /// assert_eq!(data["codes"][8]["code"], "MaximumBatchSizeExceeded");
    /// assert_eq!(
    ///     data["locales"][3]["codes"][8][0],
    ///     serde_json::json!([
    ///         "Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: ", 0,
    ///         ", maximal zulässig: ", 1, "."
    ///     ])
    /// );
    /// assert_eq!(data["locales"][3]["numbers"]["separator"], ".");
    /// assert_eq!(data["locales"][5]["numbers"]["separator"], "\u{202f}");
    /// // Code 8's values are read back through its English, one way.
    /// assert_eq!(
    ///     data["recover"][8][0],
    ///     serde_json::json!([[
    ///         "Maximum batch size exceeded. Received: ", 0, ", allowed: ", 1, "."
    ///     ]])
    /// );
    /// ```
    pub fn export(&self) -> Json {
        let codes: Vec<Json> = ErrorCode::ALL
            .iter()
            .map(|code| {
                let variables: Vec<Json> = code
                    .variables()
                    .iter()
                    .map(|v| {
                        json!({
                            "name": v.name,
                            "kind": match v.kind {
                                VariableKind::String => "string",
                                VariableKind::Number => "number",
                            },
                            "description": v.description,
                            "optional": v.optional,
                        })
                    })
                    .collect();
                json!({ "code": code.as_str(), "status": code.http_status(), "variables": variables })
            })
            .collect();
        let locales: Vec<Json> = (0..self.locales().count())
            .filter_map(|index| self.data(index))
            .map(|data| {
                let codes: Vec<Json> = ErrorCode::ALL
                    .iter()
                    .map(|&code| match data.code(code) {
                        None => Json::Null,
                        Some(message) => {
                            let attributes: Map<String, Json> = message
                                .attributes
                                .iter()
                                .map(|(name, p)| ((*name).to_owned(), pattern(code, p)))
                                .collect();
                            json!([pattern(code, &message.value), attributes])
                        }
                    })
                    .collect();
                let mut statuses = Map::new();
                let mut extras = Map::new();
                for (id, message) in &data.extras {
                    let text = |p: &Pattern| p.as_static().map(str::to_owned);
                    match id.strip_prefix("status-") {
                        Some(status) => {
                            let generic = message.attribute("generic").and_then(text);
                            statuses
                                .insert(status.to_owned(), json!([text(&message.value), generic]));
                        }
                        None => {
                            extras.insert(id.clone(), json!(text(&message.value)));
                        }
                    }
                }
                let numbers = data.numbers.integers().map(|integers| {
                    let mut shape = match serde_json::to_value(integers) {
                        Ok(Json::Object(shape)) => shape,
                        _ => Map::new(),
                    };
                    // A fraction's separator: what ICU4X writes between 0 and 5.
                    let mut half = String::new();
                    let _ = data.numbers.write(&mut half, Number::from(0.5));
                    let decimal = half.strip_prefix('0').and_then(|s| s.strip_suffix('5'));
                    shape.insert("decimal".into(), json!(decimal));
                    shape
                });
                json!({
                    "id": &*data.id,
                    "numbers": numbers,
                    "codes": codes,
                    "statuses": statuses,
                    "extras": extras,
                })
            })
            .collect();
        let recover: Vec<Json> = ErrorCode::ALL
            .iter()
            .map(|&code| {
                if code.variables().is_empty() {
                    return Json::Null;
                }
                let english = self.english(code).map(|m| m.value());
                phrasings(code, english)
                    .map(|paths| {
                        paths
                            .iter()
                            .map(|path| {
                                let pieces: Json = path
                                    .pieces
                                    .iter()
                                    .map(|piece| match piece {
                                        Piece::Text(t) => json!(t),
                                        Piece::Var(name) => variable(code, name),
                                    })
                                    .collect();
                                if path.keys.is_empty() {
                                    return pieces;
                                }
                                let keys: Vec<Json> = path
                                    .keys
                                    .iter()
                                    .map(|(name, n)| json!([variable(code, name), n.to_string()]))
                                    .collect();
                                json!({ "pieces": pieces, "known": keys })
                            })
                            .collect::<Json>()
                    })
                    .collect()
            })
            .collect();
        let generic_codes: Map<String, Json> = GENERIC_STATUSES
            .iter()
            .filter_map(|&s| {
                Some((
                    s.to_string(),
                    json!(ErrorCode::generic_for_status(s)?.index()),
                ))
            })
            .collect();
        json!({
            "codes": codes,
            "locales": locales,
            "recover": recover,
            "genericStatuses": GENERIC_STATUSES,
            "genericCodes": generic_codes,
            "maxValueChars": MAX_VALUE_CHARS,
            "maxBodyBytes": MAX_BODY_BYTES,
        })
    }
}

/// Variable `name` of `code` as its number, or `{"missing": name}`.
fn variable(code: ErrorCode, name: &str) -> Json {
    match code.variables().iter().position(|v| v.name == name) {
        Some(i) => json!(i),
        None => json!({ "missing": name }),
    }
}

fn options(patch: &NumberPatch) -> Json {
    serde_json::to_value(patch).unwrap_or_default()
}

fn pattern(code: ErrorCode, p: &Pattern) -> Json {
    if let Some(text) = p.as_static() {
        return json!(text);
    }
    let mut segments = Vec::new();
    p.for_each_segment(|seg| segments.push(seg));
    segments
        .into_iter()
        .map(|seg| match seg {
            SegRef::Text(t) => json!(t),
            SegRef::Var(name) => variable(code, name),
            SegRef::Number(name, patch) => match variable(code, name) {
                missing @ Json::Object(_) => missing,
                i => json!({ "number": i, "options": options(patch) }),
            },
            SegRef::Select(select) => {
                let variants: Vec<Json> = select
                    .variants
                    .iter()
                    .map(|(key, p)| {
                        let key = match key {
                            Key::Ident(name) => json!(name),
                            Key::Number(n) => json!({ "number": n.to_string() }),
                        };
                        json!([key, pattern(code, p)])
                    })
                    .collect();
                let mut out = Map::new();
                match &select.selector {
                    Selector::Var(name) => {
                        out.insert("select".into(), variable(code, name));
                    }
                    Selector::Number(name, patch) => {
                        out.insert("select".into(), variable(code, name));
                        out.insert("options".into(), options(patch));
                    }
                    Selector::Text(p) => {
                        out.insert("selectText".into(), pattern(code, p));
                    }
                }
                out.insert("variants".into(), json!(variants));
                out.insert("default".into(), json!(select.default));
                Json::Object(out)
            }
        })
        .collect()
}
