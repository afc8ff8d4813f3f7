//! Measures the drawing side keeps between frames. Drawing reads `&App`, so they sit behind a
//! `RefCell`; the state empties them when it replaces the report.

use std::cell::RefCell;
use std::rc::Rc;

/// Where each array item starts, in rows, for the last array and width laid out: measuring
/// 5000 items on every frame costs milliseconds, so it is done when the token, the claim or
/// the width changes (the array's address, length and the width name it; the report is not
/// changed while it is held, and [`RowCache::clear`] runs when it is replaced).
#[derive(Default)]
pub struct RowCache(RefCell<Option<Starts>>);

struct Starts {
    key: (usize, usize, usize),
    /// `at[i]` is the row item `i` starts at; `at[len]` is the rows of all of them.
    at: Rc<[usize]>,
}

impl RowCache {
    /// Forget every measure (the report they were taken from is gone).
    pub fn clear(&self) {
        self.0.borrow_mut().take();
    }

    /// The start rows for `key`, from `rows` (each item's row count) when not already known.
    pub fn starts(
        &self,
        key: (usize, usize, usize),
        rows: impl Iterator<Item = usize>,
    ) -> Rc<[usize]> {
        let mut slot = self.0.borrow_mut();
        if let Some(s) = slot.as_ref().filter(|s| s.key == key) {
            return s.at.clone();
        }
        let mut at = Vec::with_capacity(key.1 + 1);
        let mut row = 0;
        at.push(row);
        for n in rows {
            row += n;
            at.push(row);
        }
        let at: Rc<[usize]> = at.into();
        *slot = Some(Starts {
            key,
            at: at.clone(),
        });
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_once_per_key_and_again_after_clear() {
        let cache = RowCache::default();
        let first = cache.starts((1, 3, 10), [1, 2, 1].into_iter());
        assert_eq!(&first[..], &[0, 1, 3, 4]);
        // Same key: the old measure, not the new rows.
        assert_eq!(
            &cache.starts((1, 3, 10), [5, 5, 5].into_iter())[..],
            &[0, 1, 3, 4]
        );
        // Another width: measured again.
        assert_eq!(
            &cache.starts((1, 3, 20), [1, 1, 1].into_iter())[..],
            &[0, 1, 2, 3]
        );
        cache.clear();
        assert_eq!(
            &cache.starts((1, 3, 20), [2, 2, 2].into_iter())[..],
            &[0, 2, 4, 6]
        );
    }
}
