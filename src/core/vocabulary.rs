//! The closed vocabularies of the product: intent, heat, medium, chosen medium, status.

/// Declares a closed vocabulary: an enum whose variants have stable string ids,
/// with `ALL`, `id()`, `Display`, `FromStr` (naming the valid ids) and serde.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every value, in the order the product lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier used by the CLI, the store and the tests.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// All identifiers, for error messages and help.
            pub fn ids() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.id()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::core::week::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.id() == wanted)
                    .ok_or_else(|| $crate::core::week::UnknownValue::new($what, s, &Self::ids()))
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// What a communication is for.
    Intent, "intent" {
        Status => "status",
        Fyi => "fyi",
        Decided => "decided",
        Question => "question",
        Review => "review",
        Decision => "decision",
        Brainstorm => "brainstorm",
        Conflict => "conflict",
        Feedback => "feedback",
        Rapport => "rapport",
        Crisis => "crisis",
    }
}

impl Intent {
    /// One short phrase for people: what the intent means.
    pub fn meaning(self) -> &'static str {
        match self {
            Intent::Status => "progress report: done, next, blockers",
            Intent::Fyi => "information to share, no answer needed",
            Intent::Decided => "a decision already made",
            Intent::Question => "a question answerable in writing",
            Intent::Review => "comments wanted on a document, design or code",
            Intent::Decision => "a decision still to make, needs buy-in",
            Intent::Brainstorm => "an open, ambiguous problem to explore",
            Intent::Conflict => "a disagreement or competing incentives",
            Intent::Feedback => "sensitive feedback to a person",
            Intent::Rapport => "building a working relationship",
            Intent::Crisis => "an outage, incident or escalation",
        }
    }
}

vocabulary! {
    /// The emotional temperature of an item.
    Heat, "heat" {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

impl Heat {
    /// The next heat, wrapping from high back to low.
    pub fn cycle(self) -> Heat {
        match self {
            Heat::Low => Heat::Medium,
            Heat::Medium => Heat::High,
            Heat::High => Heat::Low,
        }
    }
}

vocabulary! {
    /// A concrete medium: how the communication actually happens.
    Medium, "medium" {
        Async => "async",
        Sync => "sync",
        BriefThenSync => "brief-then-sync",
    }
}

impl Medium {
    /// Whether this medium puts a live conversation in the calendar.
    pub fn has_sync(self) -> bool {
        matches!(self, Medium::Sync | Medium::BriefThenSync)
    }

    /// A short label that fits a table column.
    pub fn short(self) -> &'static str {
        match self {
            Medium::Async => "async",
            Medium::Sync => "sync",
            Medium::BriefThenSync => "brief+sync",
        }
    }
}

vocabulary! {
    /// The medium a user chose for an item; `auto` follows the recommendation.
    ChosenMedium, "medium" {
        Auto => "auto",
        Async => "async",
        Sync => "sync",
        BriefThenSync => "brief-then-sync",
    }
}

impl ChosenMedium {
    /// The concrete medium chosen, or `None` for `auto`.
    pub fn fixed(self) -> Option<Medium> {
        match self {
            ChosenMedium::Auto => None,
            ChosenMedium::Async => Some(Medium::Async),
            ChosenMedium::Sync => Some(Medium::Sync),
            ChosenMedium::BriefThenSync => Some(Medium::BriefThenSync),
        }
    }

    /// The next choice: auto → async → sync → brief-then-sync → auto.
    pub fn cycle(self) -> ChosenMedium {
        match self {
            ChosenMedium::Auto => ChosenMedium::Async,
            ChosenMedium::Async => ChosenMedium::Sync,
            ChosenMedium::Sync => ChosenMedium::BriefThenSync,
            ChosenMedium::BriefThenSync => ChosenMedium::Auto,
        }
    }
}

impl From<Medium> for ChosenMedium {
    fn from(medium: Medium) -> Self {
        match medium {
            Medium::Async => ChosenMedium::Async,
            Medium::Sync => ChosenMedium::Sync,
            Medium::BriefThenSync => ChosenMedium::BriefThenSync,
        }
    }
}

vocabulary! {
    /// Where an item stands.
    Status, "status" {
        Open => "open",
        Done => "done",
        Dropped => "dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_round_trips_through_ids() {
        for intent in Intent::ALL {
            assert_eq!(intent.id().parse::<Intent>().unwrap(), *intent);
        }
        assert_eq!(
            "brief-then-sync".parse::<ChosenMedium>().unwrap(),
            ChosenMedium::BriefThenSync
        );
        let err = "meeting".parse::<Medium>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown medium 'meeting' (valid: async, sync, brief-then-sync)"
        );
    }

    #[test]
    fn medium_cycles_through_every_choice() {
        let mut m = ChosenMedium::Auto;
        let mut seen = vec![m];
        for _ in 0..4 {
            m = m.cycle();
            seen.push(m);
        }
        assert_eq!(
            seen,
            [
                ChosenMedium::Auto,
                ChosenMedium::Async,
                ChosenMedium::Sync,
                ChosenMedium::BriefThenSync,
                ChosenMedium::Auto
            ]
        );
    }
}
