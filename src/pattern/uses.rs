//! What a message uses: every `$variable` the compiler met on the way
//! through a pattern, with Fluent's scoping already applied, and the one
//! answer to "which of them are wrong", which the catalog's loader and the
//! translators' check both ask.
//!
//! The compiler records a use where it resolves one ([`compile`]), so the
//! scoping is the compiler's own: a term sees only the arguments passed to
//! it, a select on a value a term was not given takes the default variant,
//! and only the variants a constant selector can reach are looked at.
//!
//! [`Uses::wrong`] names the uses that are wrong. The loader refuses a
//! message whose own variable it is not given (English is shown instead);
//! a term's variable that a reference did not pass is rendered as
//! fluent-bundle renders it, `{$name}`, and the translators' check reports
//! it, since a user would see it unfilled.
//!
//! [`compile`]: super::compile::compile

/// Whose value a `$variable` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VarScope {
    /// The message's own: given when rendering.
    Message,
    /// A variable of the term named here (with its `-`) that the reference
    /// did not pass: Fluent resolves it to an error value.
    Unfilled(String),
}

/// One `$variable` as the compiled pattern uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VarUse<'s> {
    /// The name, borrowed from the source after the `$`: where it is
    /// written, which may be in a term or another message.
    pub(crate) name: &'s str,
    pub(crate) scope: VarScope,
    /// Written out as text (or by `NUMBER()`), rather than only chosen on.
    pub(crate) shown: bool,
    /// Inside a variant of a select on a value known only when rendering,
    /// rather than in every rendering of the pattern.
    pub(crate) in_variant: bool,
}

/// What one compiled pattern uses, in the order of the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Uses<'s>(pub(crate) Vec<VarUse<'s>>);

/// Why a use is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrong {
    /// A message variable the message is not given, written out: a user
    /// would see it unfilled.
    Shown,
    /// A message variable the message is not given, only chosen on: the
    /// default variant is always taken.
    Selector,
    /// A term variable the reference did not pass, written out: a user
    /// would see `{$name}`.
    NotPassed,
}

impl<'s> Uses<'s> {
    /// The message's own variables, each once, in the order of the source.
    #[cfg(feature = "translators")]
    pub(crate) fn names(&self) -> Vec<&'s str> {
        let mut names: Vec<&'s str> = Vec::new();
        for name in self.message_scope().map(|u| u.name) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The message's own variables used in every rendering, each once.
    #[cfg(feature = "translators")]
    pub(crate) fn always(&self) -> Vec<&'s str> {
        let sometimes: Vec<&str> = self
            .message_scope()
            .filter(|u| !u.in_variant)
            .map(|u| u.name)
            .collect();
        self.names()
            .into_iter()
            .filter(|n| sometimes.contains(n))
            .collect()
    }

    /// Whether the message's own variable `name` is used anywhere.
    #[cfg(feature = "translators")]
    pub(crate) fn uses(&self, name: &str) -> bool {
        self.message_scope().any(|u| u.name == name)
    }

    /// The uses that are wrong when the message is given `allowed`: the
    /// first use of each wrong name, with why.
    pub(crate) fn wrong<'u>(
        &'u self,
        allowed: impl Fn(&str) -> bool + 'u,
    ) -> impl Iterator<Item = (&'u VarUse<'s>, Wrong)> + 'u {
        let mut seen: Vec<(&str, bool)> = Vec::new();
        self.0.iter().filter_map(move |u| {
            let why = match (&u.scope, u.shown) {
                (VarScope::Message, shown) if !allowed(u.name) => {
                    // A name shown anywhere is reported where it is shown.
                    let shown = shown || self.shown_in_message_scope(u.name);
                    if shown && !u.shown {
                        return None;
                    }
                    if shown {
                        Wrong::Shown
                    } else {
                        Wrong::Selector
                    }
                }
                (VarScope::Unfilled(_), true) => Wrong::NotPassed,
                _ => return None,
            };
            let key = (u.name, why == Wrong::NotPassed);
            if seen.contains(&key) {
                return None;
            }
            seen.push(key);
            Some((u, why))
        })
    }

    fn shown_in_message_scope(&self, name: &str) -> bool {
        self.message_scope().any(|u| u.name == name && u.shown)
    }

    fn message_scope(&self) -> impl Iterator<Item = &VarUse<'s>> {
        self.0.iter().filter(|u| u.scope == VarScope::Message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str, scope: VarScope, shown: bool, in_variant: bool) -> VarUse<'_> {
        VarUse {
            name,
            scope,
            shown,
            in_variant,
        }
    }

    #[test]
    fn each_name_once_and_only_the_wrong_ones() {
        let uses = Uses(vec![
            var("n", VarScope::Message, false, false),
            var("x", VarScope::Message, true, true),
            var("n", VarScope::Message, true, true),
            var("x", VarScope::Message, true, false),
            var("case", VarScope::Unfilled("-obj".into()), false, false),
            var("k", VarScope::Unfilled("-obj".into()), true, false),
            var("k", VarScope::Unfilled("-obj".into()), true, false),
        ]);
        #[cfg(feature = "translators")]
        assert_eq!(
            (uses.names(), uses.always()),
            (vec!["n", "x"], vec!["n", "x"])
        );
        let wrong: Vec<(&str, Wrong)> =
            uses.wrong(|n| n == "x").map(|(u, w)| (u.name, w)).collect();
        // `$n` is shown in a variant: reported there, once; `$case` is
        // only chosen on, so the default variant is right.
        assert_eq!(wrong, [("n", Wrong::Shown), ("k", Wrong::NotPassed)]);
        assert!(uses.wrong(|_| true).all(|(u, _)| u.name == "k"));
    }
}
