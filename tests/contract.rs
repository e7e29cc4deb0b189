//! The variable contract, checked on the .ftl files themselves (not through
//! the catalog): every locale's message for a code uses exactly the code's
//! variables, and the files hold every id the catalog needs.

use std::collections::BTreeSet;

use defender_errors::{Args, Catalog, DefenderError, ErrorCode};
use fluent_syntax::ast;

use crate::common::{locales_dir, sample, LOCALES};

fn parse(locale: &str) -> ast::Resource<String> {
    let path = locales_dir().join(locale).join("errors.ftl");
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{locale}: {errors:?}"))
}

fn variables(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    fn inline(expression: &ast::InlineExpression<String>, out: &mut BTreeSet<String>) {
        match expression {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.clone());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, out));
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    fn expr(expression: &ast::Expression<String>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(e) => inline(e, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                variants.iter().for_each(|v| variables(&v.value, out));
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expr(expression, out);
        }
    }
}

fn messages(resource: &ast::Resource<String>) -> impl Iterator<Item = &ast::Message<String>> {
    resource.body.iter().filter_map(|e| match e {
        ast::Entry::Message(m) => Some(m),
        _ => None,
    })
}

#[test]
fn every_locale_uses_exactly_the_contract_variables() {
    for locale in LOCALES {
        let resource = parse(locale);
        for &code in ErrorCode::ALL {
            let message = messages(&resource)
                .find(|m| m.id.name == code.as_str())
                .unwrap_or_else(|| panic!("{locale} lacks {code}"));
            let mut used = BTreeSet::new();
            variables(message.value.as_ref().expect("a value"), &mut used);
            let expected: BTreeSet<String> =
                code.variables().iter().map(|v| v.name.to_owned()).collect();
            assert_eq!(used, expected, "{locale}/{code}");
            for attribute in &message.attributes {
                let mut in_attribute = BTreeSet::new();
                variables(&attribute.value, &mut in_attribute);
                assert!(
                    in_attribute.is_empty(),
                    "{locale}/{code}.{} has variables",
                    attribute.id.name
                );
            }
            let has_generic = message.attributes.iter().any(|a| a.id.name == "generic");
            assert_eq!(
                has_generic,
                !expected.is_empty(),
                "{locale}/{code}: .generic exactly where there are variables"
            );
        }
    }
}

#[test]
fn every_locale_has_the_same_ids_and_attributes_as_english() {
    let shape = |locale: &str| -> BTreeSet<String> {
        messages(&parse(locale))
            .flat_map(|m| {
                let id = m.id.name.clone();
                std::iter::once(id.clone()).chain(
                    m.attributes
                        .iter()
                        .map(move |a| format!("{id}.{}", a.id.name)),
                )
            })
            .collect()
    };
    let english = shape("en");
    assert_eq!(
        english
            .iter()
            .filter(|id| id.starts_with("status-") && !id.contains('.'))
            .count(),
        defender_errors::GENERIC_STATUSES.len()
    );
    for locale in LOCALES {
        assert_eq!(shape(locale), english, "{locale}");
    }
}

#[test]
fn notes_and_hints_are_where_the_article_puts_them() {
    let catalog = Catalog::new();
    for &code in ErrorCode::ALL {
        let out = catalog.render(catalog.negotiate("en").locale, &sample(code));
        let has_note = matches!(
            code,
            ErrorCode::Unauthorized | ErrorCode::Forbidden | ErrorCode::InternalServerError
        );
        let has_hint = matches!(
            code,
            ErrorCode::InvalidRequestBody
                | ErrorCode::MissingRequiredParameter
                | ErrorCode::TooManyRequests
        );
        assert_eq!(out.note.is_some(), has_note, "{code}");
        assert_eq!(out.hint.is_some(), has_hint, "{code}");
    }
}

#[test]
fn english_documents_every_variable_with_the_article_text() {
    let path = locales_dir().join("en/errors.ftl");
    let source = std::fs::read_to_string(path).expect("en/errors.ftl");
    for &code in ErrorCode::ALL {
        for variable in code.variables() {
            let kind = match variable.kind {
                defender_errors::VariableKind::String => "String",
                defender_errors::VariableKind::Number => "Number",
            };
            let line = format!("# ${} ({kind}) - {}", variable.name, variable.description);
            assert!(source.contains(&line), "en/errors.ftl lacks: {line}");
        }
    }
}

#[test]
fn typed_errors_carry_every_contract_variable() {
    // The typed path and the contract agree: a typed error never misses a value
    // and never has one the message does not use.
    let catalog = Catalog::new();
    for &code in ErrorCode::ALL {
        let error: DefenderError = sample(code);
        assert_eq!(error.code(), code);
        let out = catalog
            .try_render(catalog.negotiate("en").locale, &error)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!out.fallback);
    }
}

#[test]
fn codes_round_trip_and_unknown_ones_are_explained() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
    }
    let statuses: Vec<u16> = ErrorCode::ALL.iter().map(|c| c.http_status()).collect();
    assert_eq!(statuses.iter().filter(|&&s| s == 400).count(), 12);
    assert_eq!(ErrorCode::ResourceNotFound.http_status(), 404);
    let err = "resourcenotfound".parse::<ErrorCode>().unwrap_err();
    assert_eq!(err.suggestion(), Some(ErrorCode::ResourceNotFound));
    let text = err.to_string();
    assert!(text.starts_with("unknown error code 'resourcenotfound'; did you mean 'ResourceNotFound'? (valid codes: BadRequest, "));
    assert!(text.ends_with("InternalServerError)"));
    assert_eq!("Xyzzy".parse::<ErrorCode>().unwrap_err().suggestion(), None);
    let hostile = "\u{202e}".repeat(1000);
    let err = hostile.parse::<ErrorCode>().unwrap_err();
    assert_eq!(err.input().chars().count(), 64);
    assert!(
        !err.to_string().contains('\u{202e}'),
        "the quoted input is escaped"
    );
}

#[test]
fn every_status_a_portal_meets_has_a_phrase_and_one_generic_message() {
    let english = parse("en");
    let mut statuses: Vec<u16> = ErrorCode::ALL.iter().map(|c| c.http_status()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    for status in &statuses {
        assert!(
            defender_errors::GENERIC_STATUSES.contains(status),
            "{status}: every code's status has a generic message"
        );
    }
    for &status in defender_errors::GENERIC_STATUSES {
        let id = format!("status-{status}");
        let phrase = messages(&english)
            .find(|m| m.id.name == id)
            .unwrap_or_else(|| panic!("en lacks {id}"));
        let attributes: Vec<&str> = phrase.attributes.iter().map(|a| &*a.id.name).collect();
        // The generic message is said once: by the status's own code, or by
        // the phrase's .generic, never both.
        let own_code = ErrorCode::generic_for_status(status);
        let expected: &[&str] = if own_code.is_some() {
            &[]
        } else {
            &["generic"]
        };
        assert_eq!(attributes, expected, "{id}");
        if let Some(code) = own_code {
            assert_eq!(code.http_status(), status, "{id}");
        }
    }
    assert_eq!(
        ErrorCode::generic_for_status(429),
        Some(ErrorCode::TooManyRequests)
    );
}

#[test]
fn the_wait_is_the_one_optional_variable() {
    let optional: Vec<(ErrorCode, &str)> = ErrorCode::ALL
        .iter()
        .flat_map(|&code| {
            code.variables()
                .iter()
                .filter(|v| v.optional)
                .map(move |v| (code, v.name))
        })
        .collect();
    assert_eq!(optional, [(ErrorCode::TooManyRequests, "retry_after")]);
    let wait = ErrorCode::TooManyRequests.variable("retry_after").unwrap();
    assert_eq!(wait.kind, defender_errors::VariableKind::Number);
    assert_eq!(ErrorCode::TooManyRequests.http_status(), 429);
    // Without the wait, nothing is wrong: the message says "later".
    let catalog = Catalog::new();
    let out = catalog
        .try_render(
            catalog.negotiate("en").locale,
            &DefenderError::TooManyRequests { retry_after: None },
        )
        .unwrap();
    assert_eq!(out.message, "Rate limit is exceeded. Try again later.");
    let out = catalog
        .try_render(
            catalog.negotiate("en").locale,
            (ErrorCode::TooManyRequests, &Args::new()),
        )
        .unwrap();
    assert_eq!(out.message, "Rate limit is exceeded. Try again later.");
}
