//! Counts written with their noun, `1 item` or `3 items`: the one rule for plurals in
//! everything syncwise says, from the CLI to the brief.

/// `n` and `one` when `n` is 1, else `n` and `many`: `count_of(2, "brief", "briefs")`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The same for a noun whose plural adds an `s`: `counted(3, "sync")` is `3 syncs`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "sync"), "1 sync");
        assert_eq!(counted(0, "sync"), "0 syncs");
        assert_eq!(counted(12, "item"), "12 items");
        assert_eq!(
            count_of(1, "brief then sync", "briefs then syncs"),
            "1 brief then sync"
        );
        assert_eq!(
            count_of(2, "brief then sync", "briefs then syncs"),
            "2 briefs then syncs"
        );
    }
}
