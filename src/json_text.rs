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
        if needs_escape(u64::from_le_bytes(*word)) {
            break;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if ESCAPE[usize::from(byte)] != 0 {
            break;
        }
        at += 1;
    }
    at
}

/// Whether any of the eight bytes in `word` is a control character, `"` or `\` (the
/// classic "has a byte less than n" and "has a zero byte" word tests).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) & HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_word_test_agrees_with_the_table(word: u64) {
            let bytewise = word.to_le_bytes().iter().any(|&b| ESCAPE[usize::from(b)] != 0);
            prop_assert_eq!(needs_escape(word), bytewise);
        }

        #[test]
        fn the_plain_prefix_stops_at_the_first_byte_to_escape(bytes: Vec<u8>) {
            let expected = bytes
                .iter()
                .position(|&b| ESCAPE[usize::from(b)] != 0)
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_prefix(&bytes), expected);
        }
    }
}
