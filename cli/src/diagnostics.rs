//! `check`'s output: each finding as a compiler shows it (the line, with a
//! marker under the mistake), then the coverage table; or all of it as JSON.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use defender_errors::check::{Finding, Report, Severity};

/// The findings and the coverage table, as text.
pub fn text(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in report.findings() {
        out.push_str(&render(&renderer, finding, report.source(&finding.file)));
        out.push_str("\n\n");
    }
    out.push_str(&coverage_table(report));
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    out.push_str(&format!(
        "\n{errors} error{}, {warnings} warning{}\n",
        plural(errors),
        plural(warnings)
    ));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn render(renderer: &Renderer, finding: &Finding, source: Option<&str>) -> String {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(finding.message.as_str())
        .id(finding.rule.as_str());
    let snippet = source
        .filter(|s| finding.range.end <= s.len())
        .map(|source| {
            let mut snippet = Snippet::source(source)
                .path(finding.file.as_str())
                .fold(true)
                .annotation(AnnotationKind::Primary.span(finding.range.clone()));
            if let Some((range, label)) = &finding.related {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(range.clone())
                        .label(label.as_str()),
                );
            }
            snippet
        });
    let group = match snippet {
        Some(snippet) => title.element(snippet),
        None => title.element(
            Origin::path(finding.file.as_str())
                .line(finding.line)
                .char_column(finding.column),
        ),
    };
    renderer.render(&[group])
}

/// One row per locale: translated, missing, falling back, outdated, errors,
/// warnings.
fn coverage_table(report: &Report) -> String {
    let mut out = format!(
        "{:<8} {:>10} {:>8} {:>9} {:>9} {:>7} {:>9}\n",
        "locale", "translated", "missing", "fallback", "outdated", "errors", "warnings"
    );
    for row in report.coverage() {
        out.push_str(&format!(
            "{:<8} {:>10} {:>8} {:>9} {:>9} {:>7} {:>9}\n",
            row.locale,
            format!("{}/{}", row.translated, row.total),
            row.missing,
            row.fallback,
            row.outdated,
            row.errors,
            row.warnings
        ));
    }
    out
}

/// The directory checked, the findings and the coverage as one JSON object.
pub fn json(dir: &Path, report: &Report) -> serde_json::Value {
    serde_json::json!({
        "dir": dir.display().to_string(),
        "findings": report.findings(),
        "coverage": report.coverage(),
    })
}
