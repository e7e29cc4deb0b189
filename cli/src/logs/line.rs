//! The text log line, as `tracing-subscriber`'s default format writes it
//! without colours, for a reader that is not a terminal (a file, a pipe, a
//! log collector): the same text, written with fewer steps.
//!
//! The default format paints every field name and separator through a
//! colour style, even with colours off, and writes each piece with
//! `core::fmt`: on the proxy's path, the log line at `--log-level info` was
//! about 20,000 instructions a request, and this format takes 9,500 of them
//! off (BENCHMARKS.md). Here strings and integers
//! are copied as they are, and `core::fmt` is left to what needs it: floats,
//! and values only `Debug` or `Display` can write.
//!
//! The time is UTC to the microsecond (`2026-12-07T12:57:48.198681Z`), the
//! level padded to five characters, then the spans from the root with their
//! fields, the target, the message and the event's fields. A message's
//! terminal escapes (ESC, BEL, BS, FF, DEL and the C1 controls) are written
//! escaped, as the default format does.

use std::fmt::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::field::RecordFields;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;

/// The event format: time, level, spans, target, message and fields.
pub(super) struct Line;

/// The fields' format, of spans and events: `name=value`, separated by a
/// space.
pub(super) struct Fields;

impl<S, N> FormatEvent<S, N> for Line
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        write_time(&mut writer, SystemTime::now())?;
        writer.write_char(' ')?;
        writer.write_str(level(meta.level()))?;
        writer.write_char(' ')?;
        if let Some(scope) = ctx.event_scope() {
            let mut seen = false;
            for span in scope.from_root() {
                writer.write_str(span.metadata().name())?;
                let extensions = span.extensions();
                if let Some(fields) = extensions.get::<FormattedFields<N>>() {
                    if !fields.is_empty() {
                        writer.write_char('{')?;
                        writer.write_str(fields.as_str())?;
                        writer.write_char('}')?;
                    }
                }
                writer.write_char(':')?;
                seen = true;
            }
            if seen {
                writer.write_char(' ')?;
            }
        }
        writer.write_str(meta.target())?;
        writer.write_str(": ")?;
        let mut visitor = Visitor::new(writer.by_ref());
        event.record(&mut visitor);
        visitor.result?;
        writer.write_char('\n')
    }
}

impl<'w> FormatFields<'w> for Fields {
    fn format_fields<R: RecordFields>(&self, writer: Writer<'w>, fields: R) -> fmt::Result {
        let mut visitor = Visitor::new(writer);
        fields.record(&mut visitor);
        visitor.result
    }
}

/// The level as the default format pads it.
fn level(level: &Level) -> &'static str {
    match *level {
        Level::TRACE => "TRACE",
        Level::DEBUG => "DEBUG",
        Level::INFO => " INFO",
        Level::WARN => " WARN",
        Level::ERROR => "ERROR",
    }
}

/// Writes each field after a space, but the first; the message without its
/// name.
struct Visitor<'w> {
    writer: Writer<'w>,
    first: bool,
    result: fmt::Result,
}

impl<'w> Visitor<'w> {
    fn new(writer: Writer<'w>) -> Self {
        Self {
            writer,
            first: true,
            result: Ok(()),
        }
    }

    /// The separator and `name=` of a field; the message is written without
    /// its name.
    fn start(&mut self, field: &Field) -> fmt::Result {
        if !std::mem::take(&mut self.first) {
            self.writer.write_char(' ')?;
        }
        let name = field.name();
        if name != "message" {
            self.writer
                .write_str(name.strip_prefix("r#").unwrap_or(name))?;
            self.writer.write_char('=')?;
        }
        Ok(())
    }

    fn record(&mut self, field: &Field, write: impl FnOnce(&mut Writer<'w>) -> fmt::Result) {
        if self.result.is_ok() {
            self.result = self.start(field).and_then(|()| write(&mut self.writer));
        }
    }
}

impl Visit for Visitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.record(field, |w| write_escaped(w, value));
        } else {
            self.record(field, |w| write_quoted(w, value));
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.record(field, |w| w.write_str(itoa::Buffer::new().format(value)));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.record(field, |w| w.write_str(itoa::Buffer::new().format(value)));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.record(field, |w| w.write_str(if value { "true" } else { "false" }));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        // The error, then its sources as a list: `error=gone error.sources=[why]`.
        self.record(field, |w| {
            write!(Escaping(w), "{value}")?;
            let mut source = value.source();
            if source.is_some() {
                write!(w, " {}.sources=[", field.name())?;
            }
            let mut first = true;
            while let Some(error) = source {
                if !std::mem::take(&mut first) {
                    w.write_str(", ")?;
                }
                write!(Escaping(w), "{error}")?;
                source = error.source();
            }
            if !first {
                w.write_char(']')?;
            }
            Ok(())
        });
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            // `info!("...")` is format arguments: escaped as they are written.
            self.record(field, |w| write!(Escaping(w), "{value:?}"));
        } else {
            self.record(field, |w| write!(w, "{value:?}"));
        }
    }
}

/// A field's string as `Debug` writes it, quoted: copied when there is
/// nothing to escape.
fn write_quoted(writer: &mut Writer<'_>, value: &str) -> fmt::Result {
    if value
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        writer.write_char('"')?;
        writer.write_str(value)?;
        writer.write_char('"')
    } else {
        write!(writer, "{value:?}")
    }
}

/// A message, its terminal escapes made visible.
fn write_escaped(writer: &mut Writer<'_>, value: &str) -> fmt::Result {
    Escaping(writer).write_str(value)
}

/// Writes through, with the characters a terminal would act on escaped as
/// the default format escapes them.
struct Escaping<'a, 'w>(&'a mut Writer<'w>);

impl Write for Escaping<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        while let Some(at) = rest.find(is_terminal_control) {
            self.0.write_str(&rest[..at])?;
            let control = rest[at..].chars().next().unwrap_or_default();
            match control {
                '\x1b' | '\x07' | '\x08' | '\x0c' | '\x7f' => {
                    write!(self.0, "\\x{:02x}", u32::from(control))?;
                }
                _ => write!(self.0, "\\u{{{:x}}}", u32::from(control))?,
            }
            rest = &rest[at + control.len_utf8()..];
        }
        self.0.write_str(rest)
    }
}

fn is_terminal_control(c: char) -> bool {
    matches!(
        c,
        '\x1b' | '\x07' | '\x08' | '\x0c' | '\x7f' | '\u{80}'..='\u{9f}'
    )
}

/// `time` in UTC, to the microsecond: `1970-01-01T00:00:00.000000Z`.
fn write_time(writer: &mut Writer<'_>, time: SystemTime) -> fmt::Result {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = since.as_secs();
    let (year, month, day) = civil_date(seconds / 86_400);
    let of_day = seconds % 86_400;
    let mut text = *b"0000-00-00T00:00:00.000000Z";
    put_digits(&mut text[0..4], year);
    put_digits(&mut text[5..7], month);
    put_digits(&mut text[8..10], day);
    put_digits(&mut text[11..13], of_day / 3_600);
    put_digits(&mut text[14..16], of_day % 3_600 / 60);
    put_digits(&mut text[17..19], of_day % 60);
    put_digits(&mut text[20..26], u64::from(since.subsec_micros()));
    // Only ASCII digits were put into an ASCII template.
    writer.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
}

/// Writes the last `digits.len()` decimal digits of `value` into `digits`.
fn put_digits(digits: &mut [u8], mut value: u64) {
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01: Howard
/// Hinnant's `civil_from_days`, for days on or after the epoch.
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::sync::{Arc, Mutex, PoisonError};
    use std::time::Duration;

    use tracing::subscriber::with_default;
    use tracing_subscriber::fmt::MakeWriter;

    /// Lines written to memory.
    #[derive(Clone, Default)]
    struct Memory(Arc<Mutex<Vec<u8>>>);

    impl Memory {
        fn text(&self) -> String {
            let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }

    impl io::Write for Memory {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Memory {
        type Writer = Memory;
        fn make_writer(&'a self) -> Memory {
            self.clone()
        }
    }

    /// An error with a source.
    #[derive(Debug)]
    struct Unreachable(io::Error);

    impl fmt::Display for Unreachable {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("upstream \x1b unreachable")
        }
    }

    impl std::error::Error for Unreachable {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    /// Events of every kind of field, in spans, and a message with escapes.
    fn events() {
        let id = "47008d0ce42bc564-1";
        let span =
            tracing::info_span!("request", method = %"GET", path = %"/a b", request_id = %id);
        let _entered = span.enter();
        tracing::info!(
            status = 200u16,
            latency_ms = 0.098,
            locale = "de",
            route = "/{*path}",
            "answered"
        );
        tracing::warn!(
            status = 502u16,
            latency_ms = 1e-5,
            locale = "",
            route = "unmatched",
            "answered"
        );
        let inner = tracing::info_span!("inner");
        let _inner = inner.enter();
        tracing::error!(
            r#type = "a \"quoted\" value\n",
            flag = true,
            delta = -3i64,
            "bell \x07 and \u{9b}"
        );
        tracing::info!(error = ?io::Error::other("gone"), "{} formatted {}", 1, "message");
        drop(_inner);
        drop(_entered);
        tracing::info!(addr = %"127.0.0.1:8081", "listening");
        tracing::warn!("escape \x1b[31m red");
        let refused = Unreachable(io::Error::other(Unreachable(io::Error::other("refused"))));
        tracing::warn!(
            error = &refused as &(dyn std::error::Error + 'static),
            "failed"
        );
        tracing::warn!(error = &io::Error::other("alone") as &(dyn std::error::Error + 'static));
    }

    /// The lines without their time, which differs between two runs.
    fn timeless(text: &str) -> Vec<String> {
        text.lines()
            .map(|line| line.split_once(' ').map_or("", |(_, rest)| rest).to_owned())
            .collect()
    }

    #[test]
    fn writes_the_default_formats_text() {
        let ours = Memory::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(ours.clone())
            .with_ansi(false)
            .fmt_fields(Fields)
            .event_format(Line)
            .finish();
        with_default(subscriber, events);
        let default = Memory::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(default.clone())
            .with_ansi(false)
            .finish();
        with_default(subscriber, events);
        let (ours, default) = (timeless(&ours.text()), timeless(&default.text()));
        assert_eq!(ours.len(), 8, "{ours:#?}");
        assert_eq!(ours, default);
        assert!(ours[0]
            .starts_with(" INFO request{method=GET path=/a b request_id=47008d0ce42bc564-1}: "));
        assert!(
            ours[2].contains(r#"type="a \"quoted\" value\n""#),
            "{}",
            ours[2]
        );
        assert!(ours[2].contains(r"bell \x07 and \u{9b}"), "{}", ours[2]);
        assert!(ours[5].contains(r"escape \x1b[31m red"), "{}", ours[5]);
        assert!(
            ours[6].ends_with(r"failed error=upstream \x1b unreachable error.sources=[upstream \x1b unreachable, refused]"),
            "{}",
            ours[6]
        );
        assert!(ours[7].ends_with(": error=alone"), "{}", ours[7]);
    }

    #[test]
    fn writes_the_time_in_utc_to_the_microsecond() {
        let time = |seconds, micros| {
            let mut text = String::new();
            let at = UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_micros(micros);
            write_time(&mut Writer::new(&mut text), at).unwrap();
            text
        };
        assert_eq!(time(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(time(951_782_400, 7), "2000-02-29T00:00:00.000007Z");
        assert_eq!(time(1_796_645_868, 198_681), "2026-12-07T12:17:48.198681Z");
        assert_eq!(time(4_107_542_399, 999_999), "2100-02-28T23:59:59.999999Z");
        assert_eq!(time(4_107_542_400, 0), "2100-03-01T00:00:00.000000Z");
    }

    #[test]
    fn the_date_agrees_with_http_dates_over_four_centuries() {
        // Every 9,973rd second for 400 years, against httpdate's own date
        // (`Sun, 06 Nov 1994 08:49:37 GMT`).
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let mut seconds = 0u64;
        while seconds < 400 * 31_556_952 {
            let at = UNIX_EPOCH + Duration::from_secs(seconds);
            let http = httpdate::fmt_http_date(at);
            let mut ours = String::new();
            write_time(&mut Writer::new(&mut ours), at).unwrap();
            let (year, month, day) = (&ours[0..4], &ours[5..7], &ours[8..10]);
            let month = MONTHS[month.parse::<usize>().unwrap() - 1];
            let expected = format!("{day} {month} {year} {} GMT", &ours[11..19]);
            assert_eq!(&http[5..], expected, "at {seconds}");
            seconds += 9_973;
        }
    }
}
