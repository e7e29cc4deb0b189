//! The library's answers as JSON text for `overlay-api.js` to parse into plain
//! objects (smaller and faster than building them field by field across the
//! boundary), and its errors as the objects `overlay-api.js` turns into `Error`
//! subclasses: `{ name, code, message, … }` with `code` one of the stable
//! `ERR_…` strings of the README.

use defender_errors::{
    EnvelopeError, ErrorCode, LoadProblem, Problem, RenderError, Rendered, VariableKind,
};
use serde::Serialize;

/// `value` as JSON text (`None` fields left out).
fn to_js<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing these types (strings, numbers, lists) cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// A problem with the values: the library's `kind` and `name`, and its text.
#[derive(Serialize)]
struct ProblemJs {
    #[serde(flatten)]
    problem: serde_json::Value,
    message: String,
}

fn problems(problems: &[Problem]) -> Vec<ProblemJs> {
    problems
        .iter()
        .map(|p| ProblemJs {
            problem: serde_json::to_value(p).unwrap_or_default(),
            message: p.to_string(),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RenderedJs<'a> {
    code: &'a str,
    status: u16,
    status_text: &'a str,
    locale: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    fallback: bool,
    problems: Vec<ProblemJs>,
}

/// A `Rendered` object.
pub fn rendered(out: &Rendered<'_>) -> String {
    to_js(&RenderedJs {
        code: out.code.as_str(),
        status: out.status,
        status_text: &out.status_text,
        locale: out.locale,
        message: &out.message,
        note: out.note.as_deref(),
        hint: out.hint.as_deref(),
        fallback: out.fallback,
        problems: problems(&out.problems),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadProblemJs<'a> {
    locale: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    rule: &'static str,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
    /// The line the translators' check prints for it.
    text: String,
}

/// The catalog's `LoadProblem`s as objects.
pub fn load_problems(all: &[LoadProblem]) -> String {
    let list: Vec<_> = all
        .iter()
        .map(|p| LoadProblemJs {
            locale: &p.locale,
            id: p.id.as_deref(),
            rule: p.rule.as_str(),
            severity: p.rule.severity().as_str(),
            line: p.line,
            column: p.column,
            message: &p.message,
            text: p.to_string(),
        })
        .collect();
    to_js(&list)
}

#[derive(Serialize)]
struct VariableJs {
    name: &'static str,
    kind: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct CodeJs {
    code: &'static str,
    status: u16,
    variables: Vec<VariableJs>,
}

/// Every code, its status and its variables, from the library's table.
pub fn code_table() -> String {
    let table: Vec<_> = ErrorCode::ALL
        .iter()
        .map(|code| CodeJs {
            code: code.as_str(),
            status: code.http_status(),
            variables: code
                .variables()
                .iter()
                .map(|v| VariableJs {
                    name: v.name,
                    kind: match v.kind {
                        VariableKind::String => "string",
                        VariableKind::Number => "number",
                    },
                    description: v.description,
                })
                .collect(),
        })
        .collect();
    to_js(&table)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorJs<'a> {
    name: &'static str,
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<ProblemJs>>,
}

impl ErrorJs<'_> {
    fn new(name: &'static str, code: &'static str, message: String) -> Self {
        Self {
            name,
            code,
            message,
            input: None,
            suggestion: None,
            error_code: None,
            problems: None,
        }
    }
}

/// `UnknownCodeError`: `input` is not a code; the message suggests the nearest.
pub fn unknown_code(input: &str) -> String {
    let (message, suggestion) = match input.parse::<ErrorCode>() {
        Err(e) => (e.to_string(), e.suggestion().map(ErrorCode::as_str)),
        Ok(code) => (format!("'{code}' is a code"), None),
    };
    let mut error = ErrorJs::new("UnknownCodeError", "ERR_UNKNOWN_CODE", message);
    error.input = Some(input);
    error.suggestion = suggestion;
    to_js(&error)
}

/// `RenderError`: strict rendering found problems with the values.
pub fn render_error(e: &RenderError) -> String {
    let mut error = ErrorJs::new("RenderError", "ERR_RENDER_PROBLEMS", e.to_string());
    error.error_code = Some(e.code.as_str());
    error.problems = Some(problems(&e.problems));
    to_js(&error)
}

/// `EnvelopeError`: a body that cannot be localized, with a code per reason.
pub fn envelope_error(e: &EnvelopeError) -> String {
    let code = match e {
        EnvelopeError::TooLarge { .. } => "ERR_BODY_TOO_LARGE",
        EnvelopeError::InvalidJson(_) => "ERR_INVALID_JSON",
        EnvelopeError::NotAnEnvelope => "ERR_NOT_AN_ENVELOPE",
        EnvelopeError::CodeNotAString { .. } => "ERR_CODE_NOT_A_STRING",
        _ => "ERR_INVALID_BODY",
    };
    to_js(&ErrorJs::new("EnvelopeError", code, e.to_string()))
}
