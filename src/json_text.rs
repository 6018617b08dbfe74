//! Which bytes a JSON string must escape, found eight at a time: shared by the report
//! writer and the store's fast reader, which both spend most of their time in strings.

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
