//! JSON text by hand, for the store's own reader and writer and the report encoder: which
//! bytes a string must escape, found eight at a time, and the values those write, each
//! byte for byte as `serde_json` (and chrono, for times) writes them.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::week::IsoWeek;

/// For each byte, how a JSON string escapes it: `u` for `\u00XX`, another letter for a
/// short escape, 0 when it goes in as it is.
pub(crate) const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// How many bytes at the start of `bytes` go into a JSON string as they are: the length of
/// the run before the first control character, `"` or `\`.
pub(crate) fn plain_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let found = escape_mask(u64::from_le_bytes(*word));
        if found != 0 {
            return at + first_flagged(found);
        }
        at += 8;
    }
    // Fewer than eight bytes are left: test the last eight, which overlap those already
    // found plain, or go byte by byte when the whole text is shorter.
    match bytes.last_chunk::<8>() {
        Some(last) if at < bytes.len() => {
            let found = escape_mask(u64::from_le_bytes(*last));
            match found {
                0 => bytes.len(),
                _ => bytes.len() - 8 + first_flagged(found),
            }
        }
        Some(_) => at,
        None => bytes
            .iter()
            .position(|&b| ESCAPE[usize::from(b)] != 0)
            .unwrap_or(bytes.len()),
    }
}

/// The index of the lowest byte whose high bit is set in `mask` (8 when none is).
fn first_flagged(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// Flags (by its high bit) each byte of `word`, read little-endian, that is a control
/// character, `"` or `\`: the classic "has a byte less than n" and "has a zero byte" word
/// tests. A byte above a flagged one may be flagged falsely; the lowest flag is always
/// right, and no byte before it needs escaping.
fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) & HIGHS
}

/// A buffer for JSON on its way out: [`elements`] hands it over at about this size.
pub(crate) fn out_buffer() -> Vec<u8> {
    Vec::with_capacity(FLUSH_AT + 4096)
}

const FLUSH_AT: usize = 1 << 16;

/// Appends `values` to `buf` as the elements of a JSON array, commas between, each encoded
/// by `encode`; whenever `buf` holds 64 KB it goes to `out`, so a long array (a store,
/// a listing of every week) is never held whole.
pub(crate) fn elements<T>(
    out: &mut impl Write,
    buf: &mut Vec<u8>,
    values: impl IntoIterator<Item = T>,
    mut encode: impl FnMut(&mut Vec<u8>, T),
) -> io::Result<()> {
    for (n, value) in values.into_iter().enumerate() {
        if n > 0 {
            buf.push(b',');
        }
        encode(buf, value);
        if buf.len() >= FLUSH_AT {
            out.write_all(buf)?;
            buf.clear();
        }
    }
    Ok(())
}

/// A vocabulary id: plain ASCII words that never need escaping.
pub(crate) fn word(out: &mut Vec<u8>, id: &str) {
    out.push(b'"');
    out.extend_from_slice(id.as_bytes());
    out.push(b'"');
}

/// An unsigned number.
pub(crate) fn number(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Writes `value` left-padded with zeros to `width` digits.
fn padded(out: &mut Vec<u8>, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut rest = value;
    for at in (0..width).rev() {
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.extend_from_slice(&digits[..width]);
}

/// A week, as `IsoWeek`'s `Display` writes it.
pub(crate) fn week(out: &mut Vec<u8>, week: IsoWeek) {
    match u32::try_from(week.year()) {
        Ok(year) if year <= 9999 => {
            out.push(b'"');
            padded(out, year, 4);
            out.extend_from_slice(b"-W");
            padded(out, week.number(), 2);
            out.push(b'"');
        }
        _ => string(out, &week.to_string()),
    }
}

/// RFC 3339 in UTC as chrono writes it: no fraction when it is zero, otherwise the
/// fewest of 3, 6 or 9 digits that hold it exactly.
pub(crate) fn timestamp(out: &mut Vec<u8>, utc: &DateTime<Utc>) {
    // The fields of the naive time: `DateTime`'s accessors add the (zero) offset each time.
    let stamp = utc.naive_utc();
    let nanos = stamp.nanosecond();
    let year = stamp.year();
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return string(
            out,
            &utc.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        );
    }
    out.push(b'"');
    padded(out, year.unsigned_abs(), 4);
    for (mark, value) in [
        (b'-', stamp.month()),
        (b'-', stamp.day()),
        (b'T', stamp.hour()),
        (b':', stamp.minute()),
        (b':', stamp.second()),
    ] {
        out.push(mark);
        padded(out, value, 2);
    }
    if nanos != 0 {
        out.push(b'.');
        if nanos.is_multiple_of(1_000_000) {
            padded(out, nanos / 1_000_000, 3);
        } else if nanos.is_multiple_of(1_000) {
            padded(out, nanos / 1_000, 6);
        } else {
            padded(out, nanos, 9);
        }
    }
    out.extend_from_slice(b"Z\"");
}

/// A JSON string: runs that need no escaping are copied whole.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let mut rest = text.as_bytes();
    loop {
        let (plain, tail) = rest.split_at(plain_prefix(rest));
        out.extend_from_slice(plain);
        let Some((&byte, tail)) = tail.split_first() else {
            break;
        };
        escaped(out, byte, ESCAPE[usize::from(byte)]);
        rest = tail;
    }
    out.push(b'"');
}

fn escaped(out: &mut Vec<u8>, byte: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match escape {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]),
        other => out.extend_from_slice(&[b'\\', other]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        for text in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "tab\there\nnew line\r\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "日本語 ✓ 🙂",
            "a long line with no escapes at all, then one at the very end\"",
            "\\ at the start of a long line, and \u{1} in its middle, eight by eight",
            "exactly8\"exactly8",
        ] {
            assert_eq!(ours(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn timestamps_match_chrono_at_every_precision() {
        let base = "2026-11-25T08:00:00Z".parse::<DateTime<Utc>>().unwrap();
        for nanos in [
            0,
            1,
            120,
            1_000,
            123_000,
            1_000_000,
            120_000_000,
            999_999_999,
        ] {
            let stamp = base.with_nanosecond(nanos).unwrap();
            let mut out = Vec::new();
            timestamp(&mut out, &stamp);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&stamp).unwrap()
            );
        }
    }

    /// Any byte, and often one of those next to the ones that need escaping.
    fn byte() -> impl Strategy<Value = u8> {
        let edges = vec![
            0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80,
        ];
        prop_oneof![any::<u8>(), proptest::sample::select(edges)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn the_word_test_finds_the_first_byte_to_escape(
            bytes in proptest::array::uniform8(byte())
        ) {
            let first = bytes.iter().position(|&b| ESCAPE[usize::from(b)] != 0).unwrap_or(8);
            prop_assert_eq!(first_flagged(escape_mask(u64::from_le_bytes(bytes))), first);
        }

        #[test]
        fn the_plain_prefix_stops_at_the_first_byte_to_escape(
            bytes in proptest::collection::vec(byte(), 0..40)
        ) {
            let expected = bytes
                .iter()
                .position(|&b| ESCAPE[usize::from(b)] != 0)
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_prefix(&bytes), expected);
        }
    }
}
