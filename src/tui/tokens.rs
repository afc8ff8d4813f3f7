//! The tokens of one input, decoded and explained when shown. An input of a million small
//! tokens keeps a million candidates (their text and where they were found, packed into one
//! string), not a million reports: a report is a hundred times the size of its token. The
//! library's pipeline explains a candidate when the UI asks for it ([`pipeline::explain_found`]);
//! a few explained ones are kept so that `[` and `]` back and forth do not explain them again.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::ControlFlow;
use std::sync::Arc;

use serde_json::{Map, Value};

use jwtscope::claims::time::Now;
use jwtscope::input::{self, Candidate, Found};
use jwtscope::pipeline;
use jwtscope::report::{Report, Skipped, TokenReport};
use jwtscope::source::Source;
use jwtscope::verify::Verifier;

/// One entry of the list explained: its reports (two for a token nested in another), or why
/// it does not decode.
pub type Explained = Result<Vec<TokenReport>, Skipped>;

/// Explained entries kept besides the one on screen (edited ones are kept whatever this says).
const KEEP: usize = 8;

/// Strip labels remembered before the memo is emptied.
const LABELS: usize = 512;

/// The tokens of one input.
pub struct TokenList {
    /// Where the input came from.
    pub source: Source,
    /// Candidates still to be explained, when the list was made from an input.
    lazy: Option<Lazy>,
    len: usize,
    /// Entries explained and not on screen: the last few shown, every edited one, and all of
    /// them for a list made from a report (nothing else can explain those again).
    kept: HashMap<usize, Explained>,
    /// Kept entries that may be dropped, oldest first.
    recent: VecDeque<usize>,
    /// Entries that cannot be explained again as they are now (edited in the UI).
    pinned: HashSet<usize>,
    /// The token strip's labels, made while drawing (so behind a `RefCell`).
    labels: RefCell<HashMap<usize, String>>,
}

/// What explaining a candidate needs: the candidates, and the instant and keys they are
/// explained with (those of the run, so a token explained late reads as one explained first).
struct Lazy {
    found: Candidates,
    now: Now,
    verifier: Option<Arc<Verifier>>,
}

impl TokenList {
    /// Find the candidates in `bytes`; the first that decodes is explained, the rest wait.
    /// The errors are the pipeline's: nothing found, or nothing that decodes (then with the
    /// same message as `pipeline::build`, so the UI and `--output` say the same). Returns
    /// the list and the entry to show first.
    pub fn find(
        bytes: Vec<u8>,
        source: Source,
        now: impl Into<Now>,
        verifier: Option<Arc<Verifier>>,
    ) -> Result<(TokenList, usize), pipeline::Error> {
        let now = now.into();
        let mut found = Candidates::default();
        input::find_each_owned(bytes, &mut |f| {
            found.push(f);
            ControlFlow::Continue(())
        })?;
        found.shrink();
        let lazy = Lazy {
            found,
            now,
            verifier,
        };
        // Shown first: the first entry that decodes. When none does, the error is the
        // pipeline's for the first candidate, counted as the pipeline counts them (each one
        // that does not decode is skipped), so the UI and `--output` say the same.
        let Some((first, explained)) =
            (0..lazy.found.len()).find_map(|i| lazy.explain(i).ok().map(|e| (i, e)))
        else {
            let count = lazy.found.len();
            let one: Vec<Found> = (0..count.min(1)).map(|i| lazy.found.get(i)).collect();
            let report = match pipeline::from_found(one, source, lazy.now, lazy.verifier.as_deref())
            {
                Err(pipeline::Error::Token { origin, error }) if count > 1 => {
                    return Err(pipeline::Error::NoneDecodes {
                        count,
                        origin,
                        error,
                    });
                }
                other => other?,
            };
            return Ok((TokenList::from_report(report), 0));
        };
        let mut list = TokenList {
            source,
            len: lazy.found.len(),
            lazy: Some(lazy),
            kept: HashMap::new(),
            recent: VecDeque::new(),
            pinned: HashSet::new(),
            labels: RefCell::default(),
        };
        list.give_back(first, Ok(explained), false);
        Ok((list, first))
    }

    /// A list of reports already made (a paste of one token, a fetch, a sign-in).
    pub fn from_report(report: Report) -> TokenList {
        let len = report.tokens.len();
        TokenList {
            source: report.source,
            lazy: None,
            len,
            kept: report
                .tokens
                .into_iter()
                .enumerate()
                .map(|(i, t)| (i, Ok(vec![t])))
                .collect(),
            recent: VecDeque::new(),
            pinned: (0..len).collect(),
            labels: RefCell::default(),
        }
    }

    /// How many entries the list has (a nested token is part of its container's entry).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Take entry `i` out of the list to show it: kept, or explained now.
    pub fn take(&mut self, i: usize) -> Explained {
        if let Some(e) = self.kept.remove(&i) {
            self.recent.retain(|&r| r != i);
            return e;
        }
        self.explain(i)
    }

    /// Put entry `i` back when another is shown; `edited` when the UI changed it (it is then
    /// kept for good: the input no longer says what it is).
    pub fn give_back(&mut self, i: usize, e: Explained, edited: bool) {
        if i >= self.len {
            return;
        }
        if edited {
            self.pinned.insert(i);
        }
        self.labels.borrow_mut().remove(&i);
        self.kept.insert(i, e);
        if !self.pinned.contains(&i) {
            self.recent.push_back(i);
            while self.recent.len() > KEEP {
                if let Some(old) = self.recent.pop_front() {
                    self.kept.remove(&old);
                }
            }
        }
    }

    /// The token strip's label of entry `i`, made by `make` from the entry explained (kept,
    /// or explained for the label and dropped; the label is remembered).
    pub fn label(&self, i: usize, make: &dyn Fn(&Explained) -> String) -> String {
        if let Some(e) = self.kept.get(&i) {
            return make(e);
        }
        if let Some(l) = self.labels.borrow().get(&i) {
            return l.clone();
        }
        let label = make(&self.explain(i));
        let mut labels = self.labels.borrow_mut();
        if labels.len() >= LABELS {
            labels.clear();
        }
        labels.insert(i, label.clone());
        label
    }

    /// Where entry `i` was found in the input (its origin), without explaining it; empty for
    /// the entry on screen of a list made from a report.
    pub fn origin(&self, i: usize) -> &str {
        if let Some(l) = &self.lazy
            && i < l.found.len()
        {
            return l.found.origin(i);
        }
        match self.kept.get(&i) {
            Some(Ok(reports)) => reports.first().map_or("", |t| t.origin.as_str()),
            Some(Err(skipped)) => &skipped.origin,
            None => "",
        }
    }

    /// How many entries are explained or labelled (tests check that only what is shown is).
    #[cfg(test)]
    pub fn explained(&self) -> usize {
        self.kept.len() + self.labels.borrow().len()
    }

    fn explain(&self, i: usize) -> Explained {
        match &self.lazy {
            Some(l) => l.explain(i),
            None => Err(Skipped {
                origin: format!("token {}", i + 1),
                reason: "no longer available".to_string(),
            }),
        }
    }
}

impl Lazy {
    fn explain(&self, i: usize) -> Explained {
        if i >= self.found.len() {
            return Err(Skipped {
                origin: format!("token {}", i + 1),
                reason: "no such token".to_string(),
            });
        }
        pipeline::explain_found(self.found.get(i), self.now, self.verifier.as_deref())
    }
}

/// Candidates packed: every text and origin in one string, the rare context and notes aside.
/// A `Found` costs about 150 bytes besides its text; an entry here costs 32.
#[derive(Default)]
struct Candidates {
    text: String,
    items: Vec<Item>,
    /// Context and notes of the candidates that have some, by entry (in order).
    extra: Vec<(usize, Map<String, Value>, Vec<String>)>,
}

struct Item {
    /// Where the origin starts in `text`; the candidate's text follows it.
    start: usize,
    origin_len: usize,
    text_len: usize,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Lone,
    Embedded,
    Opaque,
}

impl Candidates {
    fn push(&mut self, f: Found) {
        let index = self.items.len();
        let (kind, text) = match f.candidate {
            Candidate::Lone(s) => (Kind::Lone, s),
            Candidate::Embedded(s) => (Kind::Embedded, s),
            Candidate::Opaque(s) => (Kind::Opaque, s),
        };
        let start = self.text.len();
        self.text.push_str(&f.origin);
        self.text.push_str(&text);
        self.items.push(Item {
            start,
            origin_len: f.origin.len(),
            text_len: text.len(),
            kind,
        });
        if !f.context.is_empty() || !f.notes.is_empty() {
            self.extra.push((index, f.context, f.notes));
        }
    }

    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.items.shrink_to_fit();
        self.extra.shrink_to_fit();
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    /// Where candidate `i` was found.
    fn origin(&self, i: usize) -> &str {
        let item = &self.items[i];
        &self.text[item.start..item.start + item.origin_len]
    }

    /// Candidate `i` as the input layer found it.
    fn get(&self, i: usize) -> Found {
        let item = &self.items[i];
        let origin = self.origin(i);
        let at = item.start + item.origin_len;
        let text = self.text[at..at + item.text_len].to_string();
        let candidate = match item.kind {
            Kind::Lone => Candidate::Lone(text),
            Kind::Embedded => Candidate::Embedded(text),
            Kind::Opaque => Candidate::Opaque(text),
        };
        let (context, notes) = match self.extra.binary_search_by_key(&i, |e| e.0) {
            Ok(at) => (self.extra[at].1.clone(), self.extra[at].2.clone()),
            Err(_) => (Map::new(), Vec::new()),
        };
        Found {
            origin: origin.to_string(),
            candidate,
            context,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use jwtscope::claims::time::Zone;

    fn now() -> Now {
        Now::new(
            DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
            Zone::utc(),
        )
    }

    const A: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
    const B: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiIn0.c2ln";

    fn list(text: &str) -> (TokenList, usize) {
        TokenList::find(text.as_bytes().to_vec(), Source::Stdin, now(), None).unwrap()
    }

    #[test]
    fn entries_are_explained_as_the_pipeline_explains_them() {
        let text = format!("{A}\n{B}\n");
        let (mut l, first) = list(&text);
        assert_eq!((l.len(), first), (2, 0));
        let built = pipeline::build(text.as_bytes(), Source::Stdin, now()).unwrap();
        for (i, want) in built.tokens.iter().enumerate() {
            let got = l.take(i).unwrap();
            assert_eq!(
                serde_json::to_value(&got[0]).unwrap(),
                serde_json::to_value(want).unwrap()
            );
        }
    }

    #[test]
    fn context_and_notes_survive_packing() {
        let doc = format!(r#"{{"access_token":"{A}","expires_in":"3599","resource":"r"}}"#);
        let (mut l, _) = list(&format!("\u{feff}{doc}"));
        let t = l.take(0).unwrap().remove(0);
        assert_eq!(t.origin, "access_token");
        assert_eq!(t.context.get("resource"), Some(&Value::from("r")));
        assert!(t.warnings.iter().any(|w| w.contains("byte-order mark")));
    }

    #[test]
    fn the_first_entry_shown_is_the_first_that_decodes() {
        let text = format!("eyJhbGciOiJIUzI1NiJ9.eyJ.x.y.z\n{A}\n");
        let (mut l, first) = list(&text);
        assert_eq!((l.len(), first), (2, 1));
        let skipped = l.take(0).unwrap_err();
        assert_eq!(skipped.origin, "line 1");
        assert!(!skipped.reason.is_empty(), "{skipped:?}");
    }

    #[test]
    fn nothing_that_decodes_is_the_pipelines_error() {
        let three = "eyJhbGciOiJIUzI1NiJ9.eyJ.x.y.z\nand eyJhbGciOiJIUzI1NiJ9.e30.x.y\n\
                     eyJhbGciOiJIUzI1NiJ9.eyJ.x.y.z\n";
        let doc = r#"{"access_token":"eyJhbGciOiJIUzI1NiJ9.e30"}"#;
        for text in ["eyJhbGciOiJIUzI1NiJ9.e30", "hello world", "", three, doc] {
            let ours = TokenList::find(text.as_bytes().to_vec(), Source::Stdin, now(), None)
                .err()
                .map(|e| e.to_string());
            let theirs = pipeline::build(text.as_bytes(), Source::Stdin, now())
                .err()
                .map(|e| e.to_string());
            assert!(ours.is_some());
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn only_a_few_explained_entries_are_kept_but_edited_ones_stay() {
        let text = format!("{A}\n").repeat(100);
        let (mut l, _) = list(&text);
        let edited = l.take(0);
        l.give_back(0, edited, true);
        for i in 1..100 {
            let e = l.take(i);
            l.give_back(i, e, false);
        }
        assert_eq!(l.kept.len(), KEEP + 1);
        assert!(l.kept.contains_key(&0));
        assert!(l.kept.contains_key(&99));
        assert!(!l.kept.contains_key(&50));
    }

    #[test]
    fn labels_are_made_once() {
        let (l, _) = list(&format!("{A}\n{B}\n"));
        let calls = std::cell::Cell::new(0);
        let make = |e: &Explained| {
            calls.set(calls.get() + 1);
            e.as_ref().unwrap()[0].summary.subject.clone().unwrap()
        };
        assert_eq!(l.label(1, &make), "b");
        assert_eq!(l.label(1, &make), "b");
        assert_eq!(calls.get(), 1);
    }
}
