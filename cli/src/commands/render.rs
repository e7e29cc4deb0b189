//! `render CODE`: the localized message of a code, or its error envelope.

use std::path::Path;

use defender_errors::{Args, ErrorCode};

use super::{catalog, check_locale, print, print_body};
use crate::error::{takes, Error};
use crate::flags::RenderArgs;

/// Prints the message of `args.code`, with its note and hint, or its envelope.
pub fn exec(args: &RenderArgs, locales: Option<&Path>) -> Result<(), Error> {
    let catalog = catalog(locales)?;
    let code: ErrorCode = args.code.parse()?;
    let values = parse_args(code, &args.args)?;
    check_locale(&catalog, &args.lang, args.strict)?;
    let locale = catalog.negotiate(&args.lang).locale;
    let rendered = catalog.render(locale, (code, &values));
    if !rendered.problems.is_empty() {
        let problems: Vec<String> = rendered.problems.iter().map(ToString::to_string).collect();
        if args.strict {
            return Err(Error::Values { code, problems });
        }
        for problem in problems {
            eprintln!("warning: {problem}");
        }
        eprintln!("note: {}", takes(code));
    }
    if args.target.is_some() && !args.json {
        eprintln!("warning: --target is shown only in the error envelope; add --json to print it");
    }
    if args.json {
        let body = catalog.error_body(locale, (code, &values), args.target.as_deref());
        return print_body(&body);
    }
    let lines = [
        Some(&rendered.message),
        rendered.note.as_ref(),
        rendered.hint.as_ref(),
    ];
    let text: String = lines
        .into_iter()
        .flatten()
        .map(|l| format!("{l}\n"))
        .collect();
    print(&text)
}

/// `NAME=VALUE` pairs for `code`; the value may contain `=`.
fn parse_args(code: ErrorCode, raw: &[String]) -> Result<Args<'_>, Error> {
    let mut args = Args::new();
    for item in raw {
        match item.split_once('=') {
            Some((name, value)) if !name.is_empty() => args.set(name, value),
            _ => {
                return Err(Error::ArgSyntax {
                    given: item.clone(),
                    code,
                })
            }
        };
    }
    Ok(args)
}
