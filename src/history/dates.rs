//! Commit dates: a point in time from git, written for machines (ISO 8601,
//! RFC 3339) and for readers in their language (CLDR long dates through
//! `icu_datetime`, Gregorian calendar). Dates are taken in UTC.

use icu_calendar::Gregorian;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;
use serde::Serialize;

/// Seconds since 1970-01-01 00:00 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Year, month (1–12), day (1–31) in UTC.
    pub fn ymd(self) -> (i32, u8, u8) {
        civil_from_days(self.0.div_euclid(86_400))
    }

    /// `2026-03-04`.
    pub fn iso_date(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `2026-03-04T09:30:00Z` (RFC 3339, as Atom and sitemaps want it).
    pub fn rfc3339(self) -> String {
        let secs = self.0.rem_euclid(86_400);
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.iso_date(),
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Writes dates the way a language writes them ("4 March 2026",
/// "4. marts 2026", "4 de marzo de 2026").
pub struct DateFormat {
    formatter: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl DateFormat {
    /// The long date format of a language tag (`nl`, `pt-BR`); a tag ICU
    /// does not know gets its root format, an invalid tag ISO dates.
    pub fn new(lang: &str) -> DateFormat {
        let formatter = lang
            .parse::<Locale>()
            .ok()
            .and_then(|l| FixedCalendarDateTimeFormatter::try_new(l.into(), YMD::long()).ok());
        DateFormat { formatter }
    }

    /// A date for readers.
    pub fn format(&self, t: Timestamp) -> String {
        let (y, m, d) = t.ymd();
        match (&self.formatter, Date::try_new_gregorian(y, m, d)) {
            (Some(f), Ok(date)) => f.format(&date).to_string(),
            _ => t.iso_date(),
        }
    }
}

/// A date as templates get it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DateText {
    /// `2026-03-04`, for `<time datetime>`.
    pub iso: String,
    /// The date in the reader's language.
    pub text: String,
}

impl DateFormat {
    pub fn text(&self, t: Timestamp) -> DateText {
        DateText {
            iso: t.iso_date(),
            text: self.format(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_and_rfc3339() {
        assert_eq!(Timestamp(0).rfc3339(), "1970-01-01T00:00:00Z");
        // 2026-03-04 09:30:00 UTC
        let t = Timestamp(1_772_616_600);
        assert_eq!(t.rfc3339(), "2026-03-04T09:30:00Z");
        assert_eq!(Timestamp(951_782_400).iso_date(), "2000-02-29");
        assert_eq!(Timestamp(-86_400).iso_date(), "1969-12-31");
    }

    #[test]
    fn dates_in_each_language() {
        let t = Timestamp(1_772_616_600);
        assert_eq!(DateFormat::new("en").format(t), "March 4, 2026");
        assert_eq!(DateFormat::new("en-GB").format(t), "4 March 2026");
        assert_eq!(DateFormat::new("nl").format(t), "4 maart 2026");
        assert_eq!(DateFormat::new("da").format(t), "4. marts 2026");
        assert_eq!(DateFormat::new("es").format(t), "4 de marzo de 2026");
        assert_eq!(DateFormat::new("it").format(t), "4 marzo 2026");
        assert_eq!(DateFormat::new("not a tag").format(t), "2026-03-04");
    }
}
