//! `ASN1_TIME`: OpenSSL's lenient UTCTime / GeneralizedTime parse, calendar
//! arithmetic and printing.

use crate::abi::consts::{V_ASN1_GENERALIZEDTIME, V_ASN1_UTCTIME};
use crate::crypto::asn1::Asn1String;
use std::ffi::c_int;

// ASN1_TIME.

/// A broken-down UTC time (month 1..=12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub(crate) fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Tm {
    pub fn to_unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    pub fn from_unix(t: i64) -> Self {
        let days = t.div_euclid(86400);
        let secs = t.rem_euclid(86400);
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
        }
    }

    /// Day of the week, 0 = Sunday.
    pub fn weekday(&self) -> u32 {
        (days_from_civil(self.year, self.month, self.day) + 4).rem_euclid(7) as u32
    }

    /// Day of the year, 0-based.
    pub fn yearday(&self) -> u32 {
        (days_from_civil(self.year, self.month, self.day) - days_from_civil(self.year, 1, 1)) as u32
    }
}

/// A parsed `ASN1_TIME` (`ossl_asn1_time_to_tm`, non-strict): UTCTime
/// `YYMMDDHHMM[SS](Z|±HHMM)`, GeneralizedTime `YYYYMMDDHHMM[SS[.f+]](Z|±HHMM)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// The instant, in UTC.
    pub tm: Tm,
    /// The fractional seconds' byte range in the original string (with the '.').
    pub frac: Option<(usize, usize)>,
    /// The string ends in 'Z'.
    pub gmt: bool,
}

pub fn parse_time(r#type: c_int, s: &[u8]) -> Option<Time> {
    let generalized = match r#type {
        V_ASN1_UTCTIME => false,
        V_ASN1_GENERALIZEDTIME => true,
        _ => return None,
    };
    let mut i = 0;
    let num = |n: usize, i: &mut usize| -> Option<u32> {
        let d = s.get(*i..*i + n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        Some(d.iter().fold(0u32, |a, &b| a * 10 + u32::from(b - b'0')))
    };
    let year = if generalized {
        i64::from(num(4, &mut i)?)
    } else {
        let y = i64::from(num(2, &mut i)?);
        if y < 50 {
            2000 + y
        } else {
            1900 + y
        }
    };
    let month = num(2, &mut i)?;
    let day = num(2, &mut i)?;
    let hour = num(2, &mut i)?;
    let minute = num(2, &mut i)?;
    let second = if s.get(i).is_some_and(u8::is_ascii_digit) {
        num(2, &mut i)?
    } else {
        0
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut frac = None;
    if generalized && s.get(i) == Some(&b'.') {
        let start = i;
        i += 1;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start + 1 {
            return None;
        }
        frac = Some((start, i - start));
    }
    let tm = Tm {
        year,
        month,
        day,
        hour,
        minute,
        second,
    };
    match s.get(i)? {
        b'Z' if i + 1 == s.len() => Some(Time {
            tm,
            frac,
            gmt: true,
        }),
        sign @ (b'+' | b'-') => {
            i += 1;
            let oh = num(2, &mut i)?;
            let om = num(2, &mut i)?;
            if i != s.len() || oh > 12 || om > 59 {
                return None;
            }
            let off = i64::from(oh * 3600 + om * 60);
            let t = if *sign == b'+' {
                tm.to_unix() - off
            } else {
                tm.to_unix() + off
            };
            Some(Time {
                tm: Tm::from_unix(t),
                frac,
                gmt: false,
            })
        }
        _ => None,
    }
}

/// `ASN1_TIME_print`'s format: `Mar  1 12:00:00 2030 GMT`.
pub fn time_print(r#type: c_int, s: &[u8]) -> Option<String> {
    let t = parse_time(r#type, s)?;
    let frac = match t.frac {
        Some((start, len)) => String::from_utf8_lossy(&s[start..start + len]).into_owned(),
        None => String::new(),
    };
    Some(format!(
        "{} {:2} {:02}:{:02}:{:02}{} {}{}",
        MONTHS[(t.tm.month - 1) as usize],
        t.tm.day,
        t.tm.hour,
        t.tm.minute,
        t.tm.second,
        frac,
        t.tm.year,
        if t.gmt { " GMT" } else { "" }
    ))
}

/// Seconds since the epoch now.
pub fn now_unix() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// An `ASN1_TIME` for `t`: UTCTime for 1950..2049, else GeneralizedTime (as
/// `ASN1_TIME_set` chooses).
pub fn time_from_unix(t: i64) -> Asn1String {
    let tm = Tm::from_unix(t);
    if (1950..2050).contains(&tm.year) {
        let s = format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}Z",
            tm.year % 100,
            tm.month,
            tm.day,
            tm.hour,
            tm.minute,
            tm.second
        );
        Asn1String::owned(V_ASN1_UTCTIME, s.as_bytes())
    } else {
        let s = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}Z",
            tm.year, tm.month, tm.day, tm.hour, tm.minute, tm.second
        );
        Asn1String::owned(V_ASN1_GENERALIZEDTIME, s.as_bytes())
    }
}
