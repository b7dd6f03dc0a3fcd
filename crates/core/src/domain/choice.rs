//! The choice enums (a partner's role, an entry's kind, a sign-off decision and the like) are
//! declared with [`choice_enum!`] from one table of `Variant => ("key", "Label")` lines, so a
//! new choice cannot be added to the enum and forgotten in `ALL`, `key`, `label` or `from_key`.
//! The key is the form value and must equal the variant's serde name (the tests below check).

/// Declares a fieldless enum, keeping its attributes (derives, `#[serde(...)]`, doc comments)
/// as written, with `ALL` (declaration order), `key()`, `label()` and `from_key()` made from
/// the table. Methods that are not a plain table (`hint`, `outcome`) go in a separate `impl`.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident => ($key:literal, $label:literal)
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
        }

        impl $name {
            /// Every choice, in the order forms offer them.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// The words shown to the person choosing.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            /// The serialised name, used as a form value.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }

            /// The choice whose `key()` this is.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::domain::choice::Choice for $name {
            fn all() -> &'static [Self] {
                &Self::ALL
            }
            fn key(self) -> &'static str {
                $name::key(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }
    };
}

/// What every choice enum offers, so a form can list any of them without knowing which.
pub trait Choice: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn key(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_key(key: &str) -> Option<Self> {
        Self::all().iter().copied().find(|c| c.key() == key)
    }
}

pub(crate) use choice_enum;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::fmt::Debug;

    use serde::Serialize;

    use crate::domain::annex_a::Holding;
    use crate::domain::plan::Response;
    use crate::domain::project::PartnerRole;
    use crate::domain::sef::{Answer, Confidence, Decision, EntryKind, EvidenceKind, OverallQuestion, PositionLevel};

    fn check<T: Copy + PartialEq + Debug + Serialize>(
        all: &[T],
        key: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
        from_key: fn(&str) -> Option<T>,
    ) {
        let keys: BTreeSet<_> = all.iter().map(|&v| key(v)).collect();
        let labels: BTreeSet<_> = all.iter().map(|&v| label(v)).collect();
        assert_eq!(keys.len(), all.len(), "keys of {all:?} are not unique");
        assert_eq!(labels.len(), all.len(), "labels of {all:?} are not unique");
        for &v in all {
            assert_eq!(from_key(key(v)), Some(v));
            // The key is what a saved project file holds for this value.
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(key(v).into()), "{v:?}");
            assert!(!label(v).trim().is_empty(), "{v:?}");
        }
        assert_eq!(from_key(""), None);
        assert_eq!(from_key("not-a-choice"), None);
    }

    macro_rules! check_all {
        ($($name:ident),+ $(,)?) => {
            $(check(&$name::ALL, $name::key, $name::label, $name::from_key);)+
        };
    }

    #[test]
    fn every_choice_round_trips_through_its_unique_key_and_serde_name() {
        check_all!(
            PartnerRole,
            EntryKind,
            PositionLevel,
            Confidence,
            EvidenceKind,
            Decision,
            Holding,
            Response,
            Answer,
            OverallQuestion
        );
    }

    #[test]
    fn all_lists_every_variant_in_declaration_order() {
        assert_eq!(PartnerRole::ALL.len(), 8);
        assert_eq!(EvidenceKind::ALL.len(), 8);
        assert_eq!(EntryKind::ALL, [EntryKind::Strength, EntryKind::ToImprove, EntryKind::Impact]);
        assert_eq!(Response::ALL, [Response::Agree, Response::NotSure, Response::Disagree]);
        assert!(EntryKind::ALL.windows(2).all(|w| w[0] < w[1]), "ALL follows the derived order");
    }
}
