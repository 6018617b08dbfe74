//! The TUI's modes and the keymap scopes they read keys from, declared once together so
//! that each mode has its scope and no table mirrors the other by hand.

use super::confirm::Question;
use super::form::Form;

/// Declares `Mode` (what the TUI is doing, with its data) and `Scope` (where a key binding
/// applies) from one list: each mode is the scope of the same name.
macro_rules! modes {
    ($( $(#[$doc:meta])* $name:ident $(($data:ty))? ),* $(,)?) => {
        /// What the TUI is doing.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Mode {
            $( $(#[$doc])* $name $(($data))?, )*
        }

        /// Where a binding applies: the TUI's modes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Scope {
            $( $(#[$doc])* $name, )*
        }

        impl Mode {
            /// The keymap scope of this mode.
            pub fn scope(&self) -> Scope {
                match self {
                    $( Mode::$name { .. } => Scope::$name, )*
                }
            }
        }
    };
}

modes! {
    /// The week: the list of items, or the week grid.
    Normal,
    /// The help overlay.
    Help,
    /// The intent picker, for the item with this id.
    Picker(u32),
    /// The add/edit form.
    Form(Form),
    /// The filter line.
    Filter,
    /// A yes/no question before an operation.
    Confirm(Question),
    /// The review of the last weeks.
    Review,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_reads_the_keys_of_its_own_scope() {
        assert_eq!(Mode::Normal.scope(), Scope::Normal);
        assert_eq!(Mode::Help.scope(), Scope::Help);
        assert_eq!(Mode::Picker(3).scope(), Scope::Picker);
        assert_eq!(Mode::Filter.scope(), Scope::Filter);
        assert_eq!(Mode::Confirm(Question::Delete(1)).scope(), Scope::Confirm);
    }
}
