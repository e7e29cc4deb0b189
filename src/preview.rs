//! The translators' preview: one self-contained HTML page with a row per
//! message and a column per locale, each cell rendered with sample values
//! (each value marked, so that a translator sees where it sits in the
//! sentence) and its form without values; cells that fall back to English,
//! cells with findings, cells whose English changed since they were
//! reviewed marked as outdated, and a switch that shows only the cells
//! with problems. The grid fits a 1280 px screen: cells wrap, and the grid
//! scrolls inside itself with its header row and code column in view.

use std::fmt::Write;

use crate::catalog::load::extra_ids;
use crate::catalog::Catalog;
use crate::check::{Finding, Report, Rule, Severity};
use crate::code::{ErrorCode, Variable, VariableKind};
use crate::render::args::Args;
use crate::Locale;

/// The page for `catalog`, with the findings of `report` (the check of the
/// same files). It loads nothing from elsewhere: styles and script are inline.
///
/// ```
/// use defender_errors::{check, preview, Catalog};
///
/// let page = preview::html(&Catalog::new(), &check::embedded());
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// // Each sample value marked where it sits in each locale's sentence.
/// assert_eq!(page.matches(r#"<mark class="value">Machine 7b2f1c9e</mark>"#).count(), 6);
/// assert!(page.contains(r#"id="only-problems""#));
/// ```
pub fn html(catalog: &Catalog, report: &Report) -> String {
    // The same files with isolation marks around each value: where the
    // values sit, to mark them.
    let marked = catalog.isolating_twin();
    let locales: Vec<&str> = catalog.locales().collect();
    let mut page = String::with_capacity(64 * 1024);
    let mut placed = vec![false; report.findings().len()];
    page.push_str(HEAD);
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let _ = writeln!(
        page,
        "<p class=\"summary\">{} locales; {} codes and {} other messages. {errors} {}, \
         {warnings} {}.</p>",
        locales.len(),
        ErrorCode::ALL.len(),
        extra_ids().len(),
        if errors == 1 { "error" } else { "errors" },
        if warnings == 1 { "warning" } else { "warnings" },
    );
    page.push_str(
        "<p><label><input type=\"checkbox\" id=\"only-problems\"> Show only the cells with \
         problems (findings, or English shown)</label></p>\n",
    );
    page.push_str(
        "<p class=\"legend\">Sample values are <mark class=\"value\">marked</mark>; \
         <span class=\"generic-label\">without values</span> is the form shown when the \
         values are not known.</p>\n",
    );
    page.push_str("<div class=\"grid\">\n<table id=\"messages\">\n<thead><tr><th>Message</th>");
    for locale in &locales {
        let _ = write!(page, "<th lang=\"{0}\">{0}</th>", escape(locale));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for &code in ErrorCode::ALL {
        let args = sample_args(code.variables());
        let cells: Vec<Cell> = locales
            .iter()
            .map(|locale| {
                let handle = catalog.locale(locale).unwrap_or(Locale::SOURCE);
                // The twin has the same locales: the handle is good in both.
                let rendered = marked.render(handle, (code, &args));
                let mut parts = vec![("message", rendered.message.into_owned())];
                if !code.variables().is_empty() {
                    let generic = catalog.message(handle, (code, &Args::new()));
                    parts.push(("generic", generic.into_owned()));
                }
                parts.extend(rendered.note.map(|n| ("note", n.into_owned())));
                parts.extend(rendered.hint.map(|h| ("hint", h.into_owned())));
                Cell {
                    locale,
                    lang: rendered.locale,
                    parts,
                    fallback: catalog.falls_back(locale, code.as_str()),
                }
            })
            .collect();
        let header = format!(
            "<code>{}</code><br><span class=\"status\">{}</span>",
            code.as_str(),
            code.http_status()
        );
        row(
            &mut page,
            code.as_str(),
            &header,
            &cells,
            report,
            &mut placed,
        );
    }
    for id in extra_ids() {
        let cells: Vec<Cell> = locales
            .iter()
            .map(|locale| {
                let handle = catalog.locale(locale).unwrap_or(Locale::SOURCE);
                let (lang, text) = catalog.extra_text(handle, &id).unwrap_or(("en", ""));
                Cell {
                    locale,
                    lang,
                    parts: vec![("message", text.to_owned())],
                    fallback: catalog.falls_back(locale, &id),
                }
            })
            .collect();
        let header = format!("<code>{}</code>", escape(&id));
        row(&mut page, &id, &header, &cells, report, &mut placed);
    }
    page.push_str("</tbody>\n</table>\n</div>\n");
    let rest: Vec<&Finding> = report
        .findings()
        .iter()
        .zip(&placed)
        .filter(|(_, placed)| !**placed)
        .map(|(f, _)| f)
        .collect();
    if !rest.is_empty() {
        page.push_str("<h2>Findings outside these messages</h2>\n<ul id=\"other-findings\">\n");
        for finding in rest {
            let _ = writeln!(page, "<li>{}</li>", finding_html(finding));
        }
        page.push_str("</ul>\n");
    }
    coverage_table(&mut page, report);
    page.push_str(TAIL);
    page
}

/// One cell: the locale of the column, the locale the text is in, and the
/// rendered parts.
struct Cell<'a> {
    locale: &'a str,
    lang: &'a str,
    parts: Vec<(&'static str, String)>,
    fallback: bool,
}

fn row(
    page: &mut String,
    id: &str,
    header: &str,
    cells: &[Cell<'_>],
    report: &Report,
    placed: &mut [bool],
) {
    let mut body = String::new();
    let mut row_has_problem = false;
    for cell in cells {
        let mut findings = String::new();
        for (i, finding) in report.findings().iter().enumerate() {
            if finding.locale == cell.locale && finding.id.as_deref() == Some(id) {
                let _ = write!(findings, "<li>{}</li>", finding_html(finding));
                if let Some(slot) = placed.get_mut(i) {
                    *slot = true;
                }
            }
        }
        let outdated = report.findings().iter().any(|f| {
            f.rule == Rule::Outdated && f.locale == cell.locale && f.id.as_deref() == Some(id)
        });
        let problem = cell.fallback || !findings.is_empty();
        row_has_problem |= problem;
        let mut class = String::from("cell");
        if problem {
            class.push_str(" problem");
        }
        if cell.fallback {
            class.push_str(" fallback");
        }
        if outdated {
            class.push_str(" outdated");
        }
        let _ = write!(
            body,
            "<td class=\"{class}\" data-locale=\"{}\" lang=\"{}\">",
            escape(cell.locale),
            escape(cell.lang)
        );
        for (kind, text) in &cell.parts {
            let label = if *kind == "generic" {
                "<span class=\"generic-label\" lang=\"en\">without values</span> "
            } else {
                ""
            };
            let _ = write!(body, "<p class=\"{kind}\">{label}{}</p>", mark_values(text));
        }
        if cell.fallback {
            body.push_str("<span class=\"badge\" lang=\"en\">English shown</span>");
        }
        if outdated {
            body.push_str("<span class=\"badge outdated\" lang=\"en\">English changed</span>");
        }
        if !findings.is_empty() {
            let _ = write!(body, "<ul class=\"findings\" lang=\"en\">{findings}</ul>");
        }
        body.push_str("</td>");
    }
    let class = if row_has_problem {
        " class=\"has-problem\""
    } else {
        ""
    };
    let _ = writeln!(
        page,
        "<tr{class} data-id=\"{}\"><th scope=\"row\">{header}</th>{body}</tr>",
        escape(id)
    );
}

fn finding_html(finding: &Finding) -> String {
    format!(
        "<span class=\"{0}\">{0}[{1}]</span> {2}:{3}:{4}: {5}",
        finding.severity,
        finding.rule,
        escape(&finding.file),
        finding.line,
        finding.column,
        code_spans(&finding.message)
    )
}

/// `text`, escaped, with each `` `code` `` of a finding's message as code.
fn code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&escape(first));
    }
    let rest: Vec<&str> = parts.collect();
    // An odd backtick out is left as it is.
    let pairs = rest.len() / 2 * 2;
    for (i, part) in rest.iter().enumerate() {
        if i >= pairs {
            out.push('`');
            out.push_str(&escape(part));
        } else if i % 2 == 0 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// `text`, escaped, with each value the isolation marks enclose marked. A
/// placeable that holds others (a select whose variant shows the value, as
/// `{ $retry_after -> *[other] { $retry_after } seconds }`) is isolated
/// around them: only the innermost pairs are values, so only they are
/// marked, never a mark inside a mark.
fn mark_values(text: &str) -> String {
    // Each FSI whose PDI comes before any other FSI encloses a value: the
    // char indices of both, in order.
    let mut values = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        match c {
            '\u{2068}' => open = Some(i),
            '\u{2069}' => values.extend(open.take().map(|start| [start, i]).into_iter().flatten()),
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 32);
    for (i, c) in text.chars().enumerate() {
        let value = values.binary_search(&i).is_ok();
        match c {
            '\u{2068}' if value => out.push_str("<mark class=\"value\">"),
            '\u{2069}' if value => out.push_str("</mark>"),
            '\u{2068}' | '\u{2069}' => {}
            c => out.push_str(&escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

fn coverage_table(page: &mut String, report: &Report) {
    page.push_str(
        "<h2>Coverage</h2>\n<table id=\"coverage\">\n<thead><tr><th>Locale</th><th>Translated</th>\
         <th>Missing</th><th>English shown</th><th>Outdated</th><th>Errors</th><th>Warnings</th></tr></thead>\n<tbody>\n",
    );
    for c in report.coverage() {
        let _ = writeln!(
            page,
            "<tr><th>{}</th><td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.locale),
            c.translated,
            c.total,
            c.missing,
            c.fallback,
            c.outdated,
            c.errors,
            c.warnings
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

/// Recognisable sample values, the same in every column.
fn sample_args(variables: &[Variable]) -> Args<'static> {
    let mut args = Args::new();
    for variable in variables {
        let value = match (variable.name, variable.kind) {
            ("batch_size_received", _) => "12500",
            ("batch_size_allowed", _) => "10000",
            (_, VariableKind::Number) => "1234",
            // A SHA-256 one hex digit short.
            ("hash", _) => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            ("domain", _) => "contoso..com",
            ("ip", _) => "300.1.2.3",
            ("url", _) => "htp://contoso.com",
            ("resource", _) => "Machine 7b2f1c9e",
            ("parameter", _) => "Comment",
            ("os_platform", _) => "Linux",
            ("action", _) => "Live response",
            ("client_version", _) => "10.8040",
            ("operation", _) => "Isolate machine",
            ("input", _) => "2026-13-45T10:00:00Z",
            ("specific_error", _) => "$top must be a positive integer",
            _ => variable.name,
        };
        args.set(variable.name, value);
    }
    args
}

/// Text made safe for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Defender error messages: preview</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; color: #1b1b1b; }
table { border-collapse: separate; border-spacing: 0; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .45rem; vertical-align: top; text-align: left; }
/* The grid scrolls inside itself; its header row and code column stay in view. */
.grid { max-width: 100%; max-height: 80vh; overflow: auto; border: 1px solid #c8c8c8; }
#messages { table-layout: fixed; width: 100%; min-width: 60rem; font-size: .9rem; }
#messages td { overflow-wrap: anywhere; }
#messages thead th { position: sticky; top: 0; z-index: 2; background: #f3f3f3; }
#messages tbody th { position: sticky; left: 0; z-index: 1; background: #fafafa; width: 11rem; overflow-wrap: anywhere; }
#messages thead th:first-child { left: 0; z-index: 3; width: 11rem; }
td p { margin: 0 0 .3rem; }
td p.note, td p.hint, td p.generic { font-size: .85em; color: #505050; }
mark.value { background: #dbeafe; color: inherit; border-radius: .2em; padding: 0 .15em; box-shadow: inset 0 -1px 0 #3b82f6; }
.generic-label { font-size: .8em; font-variant: small-caps; color: #6b6b6b; }
ul.findings code, #other-findings code { background: #f0f0f0; padding: 0 .2em; border-radius: .2em; }
td.fallback { background: #fff7db; }
td.problem:not(.fallback) { background: #fde8e8; }
td.outdated:not(.fallback) { background: #efe6fb; }
.badge.outdated { border-color: #6b3fa0; }
.badge { display: inline-block; font-size: .75em; padding: 0 .3em; border: 1px solid #b08800; border-radius: .2em; }
ul.findings { margin: .3rem 0 0; padding-left: 1rem; font-size: .8em; }
span.error { color: #b00020; font-weight: bold; }
span.warning { color: #8a5a00; font-weight: bold; }
.status { color: #606060; font-size: .85em; }
body.only-problems #messages tbody tr:not(.has-problem) { display: none; }
body.only-problems #messages td.cell:not(.problem) > * { visibility: hidden; }
</style>
</head>
<body>
<main id="preview">
<h1>Defender error messages: preview</h1>
"#;

const TAIL: &str = r#"</main>
<script>
// On the document, so that it holds when a live preview swaps the content.
document.addEventListener("change", function (event) {
  if (event.target.id === "only-problems") {
    document.body.classList.toggle("only-problems", event.target.checked);
  }
});
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_innermost_isolated_part_is_a_value() {
        let text = "in \u{2068}\u{2068}1 234\u{2069} secondes\u{2069}, \u{2068}a<b\u{2069}.";
        assert_eq!(
            mark_values(text),
            "in <mark class=\"value\">1 234</mark> secondes, <mark class=\"value\">a&lt;b</mark>."
        );
        // The shipped page: every locale's wait is one mark, none inside another.
        let page = html(&Catalog::new(), &crate::check::embedded());
        let mut depth = 0_i32;
        for piece in page.split("<mark").skip(1) {
            depth += 1;
            assert!(depth == 1, "a mark inside a mark: <mark{piece}");
            depth -= i32::try_from(piece.matches("</mark>").count()).unwrap();
        }
        assert!(
            page.contains("Réessayez dans <mark class=\"value\">1"),
            "the wait is marked"
        );
    }

    #[test]
    fn outdated_cells_are_marked_and_counted() {
        use crate::check::{self, SourceFile};
        let german = crate::catalog::embedded::sources()
            .find(|(id, _)| *id == "de")
            .map(|(_, text)| text)
            .unwrap_or_default();
        let record = "NotFound = The item is gone.\n";
        let file = SourceFile::new("de", "de/errors.ftl", german).with_record(record);
        let report = check::sources(vec![file]);
        let page = html(&Catalog::new(), &report);
        let row = page
            .lines()
            .find(|l| l.contains("data-id=\"NotFound\""))
            .unwrap_or_default();
        assert!(
            row.contains("<td class=\"cell problem outdated\" data-locale=\"de\""),
            "{row}"
        );
        assert!(row.contains("English changed"));
        assert!(page.contains("<th>Outdated</th>"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
