//! Collecting the findings of one file: turning byte ranges into lines and
//! columns, naming the message each one is in, and bounding how many one
//! rule may report, so that a damaged file cannot flood the output.

use std::ops::Range;

use super::finding::{Finding, Rule};
use super::SourceFile;
use crate::diagnostic::span::Lines;

/// At most this many findings of one rule per file; the last one says how
/// many more there were.
pub(super) const MAX_PER_RULE: usize = 50;

pub(super) struct Sink<'f> {
    file: &'f SourceFile,
    /// The text the parser reads: the file's, with entries that nest too
    /// deep blanked out; every offset and line is the same as in the file.
    text: &'f str,
    lines: Lines<'f>,
    findings: Vec<Finding>,
    dropped: Vec<(Rule, usize)>,
    /// Where each entry starts, with its id (`None` for comments), in order.
    entries: Vec<(usize, Option<String>)>,
}

impl<'f> Sink<'f> {
    pub(super) fn new(file: &'f SourceFile, text: &'f str) -> Self {
        Self {
            file,
            text,
            lines: Lines::new(text),
            findings: Vec::new(),
            dropped: Vec::new(),
            entries: Vec::new(),
        }
    }

    pub(super) fn text(&self) -> &'f str {
        self.text
    }

    /// The file's own text, as the user wrote it.
    pub(super) fn original(&self) -> &'f str {
        &self.file.text
    }

    pub(super) fn locale(&self) -> &'f str {
        &self.file.locale
    }

    /// The command that records the review of `ids` of this file's locale,
    /// in the file's own directory (see [`mark_reviewed_command`]).
    pub(super) fn mark_reviewed_command(&self, ids: &str) -> String {
        mark_reviewed_command(&self.file.path, &self.file.locale, ids)
    }

    /// Records where the entries start, so that findings made before the file
    /// was parsed can name their message.
    pub(super) fn set_entries(&mut self, entries: Vec<(usize, Option<String>)>) {
        self.entries = entries;
    }

    /// Adds a finding of `rule` at `range` (bytes of the file).
    pub(super) fn add(
        &mut self,
        rule: Rule,
        range: Range<usize>,
        id: Option<&str>,
        message: impl Into<String>,
    ) {
        self.add_related(rule, range, id, message, None);
    }

    /// Adds a finding with a second place that explains it.
    pub(super) fn add_related(
        &mut self,
        rule: Rule,
        range: Range<usize>,
        id: Option<&str>,
        message: impl Into<String>,
        related: Option<(Range<usize>, String)>,
    ) {
        let count = self.findings.iter().filter(|f| f.rule == rule).count();
        if count >= MAX_PER_RULE {
            match self.dropped.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => *n += 1,
                None => self.dropped.push((rule, 1)),
            }
            return;
        }
        let (line, column) = self.lines.position(range.start);
        let (end_line, end_column) = self.lines.position(range.end.max(range.start));
        self.findings.push(Finding {
            file: self.file.path.clone(),
            line,
            column,
            end_line,
            end_column,
            rule,
            severity: rule.severity(),
            message: message.into(),
            locale: self.file.locale.clone(),
            id: id.map(str::to_owned),
            range,
            related,
        });
    }

    /// The findings in the order of the file, each naming its message.
    pub(super) fn finish(mut self) -> Vec<Finding> {
        for finding in &mut self.findings {
            if finding.id.is_none() {
                finding.id = self
                    .entries
                    .iter()
                    .take_while(|(start, _)| *start <= finding.range.start)
                    .last()
                    .and_then(|(_, id)| id.clone());
            }
        }
        for (rule, more) in self.dropped {
            if let Some(last) = self.findings.iter_mut().rev().find(|f| f.rule == rule) {
                last.message.push_str(&format!(
                    " ({more} more of this kind in this file are not shown)"
                ));
            }
        }
        self.findings
            .sort_by_key(|f| (f.range.start, f.range.end, f.rule));
        self.findings
    }
}

/// `defender-errors --locales DIR mark-reviewed LOCALE IDS`, where `DIR` is
/// the directory above the file's language folder (`path` is
/// `DIR/LOCALE/errors.ftl`), quoted for a shell: a hint is followed as
/// written, so it names the files it was found in, not the command's
/// default ones. A path with no such directory names none.
pub(super) fn mark_reviewed_command(path: &str, locale: &str, ids: &str) -> String {
    let dir = std::path::Path::new(path)
        .parent()
        .and_then(std::path::Path::parent)
        .map(|dir| match dir.to_string_lossy() {
            d if d.is_empty() => ".".to_owned(),
            d => shlex::try_quote(&d).map_or_else(|_| d.to_string(), |q| q.into_owned()),
        });
    let ids = if ids.is_empty() {
        String::new()
    } else {
        format!(" {ids}")
    };
    match dir {
        Some(dir) => format!("defender-errors --locales {dir} mark-reviewed {locale}{ids}"),
        None => format!("defender-errors mark-reviewed {locale}{ids}"),
    }
}
