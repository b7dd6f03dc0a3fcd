//! Undo and redo over whole-document snapshots. Snapshots are `Rc`s, so keeping many is cheap
//! while edits are clone-on-write.

use std::rc::Rc;

/// Bounded, so a long session cannot grow memory without limit.
pub const MAX_UNDO: usize = 100;

#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<(Rc<T>, Option<String>)>,
    future: Vec<Rc<T>>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self { past: Vec::new(), future: Vec::new() }
    }
}

impl<T> History<T> {
    /// Records `previous` before a change. A change with the same `coalesce` key as the last
    /// one (typing in one field) extends that step instead of adding a new one.
    pub fn record(&mut self, previous: Rc<T>, coalesce: Option<String>) {
        self.future.clear();
        if let (Some(key), Some((_, last_key))) = (&coalesce, self.past.last())
            && last_key.as_ref() == Some(key)
        {
            return;
        }
        self.past.push((previous, coalesce));
        if self.past.len() > MAX_UNDO {
            self.past.remove(0);
        }
    }

    /// Returns the state to go back to, given the current one.
    pub fn undo(&mut self, current: Rc<T>) -> Option<Rc<T>> {
        let (previous, _) = self.past.pop()?;
        self.future.push(current);
        Some(previous)
    }

    pub fn redo(&mut self, current: Rc<T>) -> Option<Rc<T>> {
        let next = self.future.pop()?;
        // A redone step never coalesces with the next edit.
        self.past.push((current, None));
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_walks_back_and_forth() {
        let mut h = History::default();
        h.record(Rc::new(1), None);
        h.record(Rc::new(2), None);
        assert_eq!(h.undo(Rc::new(3)).as_deref(), Some(&2));
        assert_eq!(h.undo(Rc::new(2)).as_deref(), Some(&1));
        assert_eq!(h.undo(Rc::new(1)), None);
        assert_eq!(h.redo(Rc::new(1)).as_deref(), Some(&2));
        assert!(h.can_redo());
        h.record(Rc::new(2), None);
        assert!(!h.can_redo(), "a new edit clears redo");
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::default();
        h.record(Rc::new("".to_string()), Some("name".into()));
        h.record(Rc::new("N".to_string()), Some("name".into()));
        h.record(Rc::new("No".to_string()), Some("name".into()));
        assert_eq!(h.undo(Rc::new("Nor".into())).as_deref().map(String::as_str), Some(""));
        assert!(!h.can_undo());
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::default();
        for i in 0..MAX_UNDO + 10 {
            h.record(Rc::new(i), None);
        }
        let mut steps = 0;
        let mut cur = Rc::new(0);
        while let Some(prev) = h.undo(cur.clone()) {
            cur = prev;
            steps += 1;
        }
        assert_eq!(steps, MAX_UNDO);
        assert_eq!(*cur, 10);
    }
}
