//! One table of keys: it drives both the key handling and the help screen, so they cannot
//! disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    NextPanel,
    PrevPanel,
    FocusSummary,
    FocusClaims,
    FocusHeader,
    FocusToken,
    Down,
    Up,
    PageDown,
    PageUp,
    Home,
    End,
    Detail,
    Filter,
    CycleTime,
    ToggleRaw,
    CopyValue,
    CopyToken,
    Edit,
    ShiftTimes,
    Paste,
    Open,
    NextToken,
    PrevToken,
    GoToToken,
    Refetch,
    Help,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is implied by upper-case characters).
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One line of the table.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the help screen and the footer.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer's short list.
    pub footer: Option<&'static str>,
}

/// Every key of the main view.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('q'), ctrl('c')],
        label: "q / Ctrl-C",
        action: Action::Quit,
        help: "quit",
        footer: Some("q quit"),
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        label: "Esc",
        action: Action::Back,
        help: "close the detail, the filter, the raw view or this help (never quits)",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextPanel,
        help: "focus the next panel",
        footer: Some("Tab panel"),
    },
    Binding {
        keys: &[key(KeyCode::BackTab)],
        label: "Shift-Tab",
        action: Action::PrevPanel,
        help: "focus the previous panel",
        footer: None,
    },
    Binding {
        keys: &[ch('1')],
        label: "1",
        action: Action::FocusSummary,
        help: "the overview: every summary row, every warning, the response fields",
        footer: None,
    },
    Binding {
        keys: &[ch('2')],
        label: "2",
        action: Action::FocusClaims,
        help: "focus the claims",
        footer: None,
    },
    Binding {
        keys: &[ch('3')],
        label: "3",
        action: Action::FocusHeader,
        help: "focus the header",
        footer: None,
    },
    Binding {
        keys: &[ch('4')],
        label: "4",
        action: Action::FocusToken,
        help: "focus the encoded token",
        footer: None,
    },
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        label: "j / ↓",
        action: Action::Down,
        help: "next row, or scroll down",
        footer: Some("j/k move"),
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        label: "k / ↑",
        action: Action::Up,
        help: "previous row, or scroll up",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('d')],
        label: "PgDn / Ctrl-D",
        action: Action::PageDown,
        help: "a page down (the detail pane when it is open)",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('u')],
        label: "PgUp / Ctrl-U",
        action: Action::PageUp,
        help: "a page up (the detail pane when it is open)",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::Home), ch('g')],
        label: "Home / g",
        action: Action::Home,
        help: "first row (the top of the detail when it is open)",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::End), ch('G')],
        label: "End / G",
        action: Action::End,
        help: "last row (the end of the detail when it is open)",
        footer: None,
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        label: "Enter",
        action: Action::Detail,
        help: "open or close the selected row's detail (from 120 columns it is always on the right: Enter gives it the paging keys)",
        footer: Some("Enter detail"),
    },
    Binding {
        keys: &[ch('/')],
        label: "/",
        action: Action::Filter,
        help: "filter claims by name or value (Enter keeps it, Esc clears it); in an open detail, search its value",
        footer: Some("/ filter"),
    },
    Binding {
        keys: &[ch('t')],
        label: "t",
        action: Action::CycleTime,
        help: "times: relative, UTC, local, raw",
        footer: Some("t time"),
    },
    Binding {
        keys: &[ch('r')],
        label: "r",
        action: Action::ToggleRaw,
        help: "raw JSON of header and payload",
        footer: Some("r raw"),
    },
    Binding {
        keys: &[ch('y')],
        label: "y",
        action: Action::CopyValue,
        help: "copy the selected value (OSC 52: works over SSH)",
        footer: Some("y/Y copy"),
    },
    Binding {
        keys: &[ch('Y')],
        label: "Y",
        action: Action::CopyToken,
        help: "copy the whole token, as edited by e or T (OSC 52)",
        footer: None,
    },
    Binding {
        keys: &[ch('e')],
        label: "e",
        action: Action::Edit,
        help: "edit header and payload in $VISUAL/$EDITOR; signed again with --sign-key/--sign-secret-env",
        footer: None,
    },
    Binding {
        keys: &[ch('T')],
        label: "T",
        action: Action::ShiftTimes,
        help: "shift exp, nbf and iat by a duration (+1h, -5m)",
        footer: None,
    },
    Binding {
        keys: &[ch('p')],
        label: "p / paste",
        action: Action::Paste,
        help: "paste a new input (or just paste: it replaces the input)",
        footer: Some("p paste"),
    },
    Binding {
        keys: &[ch('o')],
        label: "o",
        action: Action::Open,
        help: "open a file: type its path (Tab completes, ~ is your home), Enter opens it",
        footer: None,
    },
    Binding {
        keys: &[ch(']'), ch('n')],
        label: "] / n",
        action: Action::NextToken,
        help: "next token in the input",
        footer: None,
    },
    Binding {
        keys: &[ch('['), ch('N')],
        label: "[ / N",
        action: Action::PrevToken,
        help: "previous token in the input",
        footer: None,
    },
    Binding {
        keys: &[ch(':')],
        label: ":",
        action: Action::GoToToken,
        help: "go to token N, or to the next token whose origin holds a text (line 120, Authorization, entries[3])",
        footer: None,
    },
    Binding {
        keys: &[ch('R')],
        label: "R",
        action: Action::Refetch,
        help: "fetch the token again (jwtscope imds)",
        footer: None,
    },
    Binding {
        keys: &[ch('?')],
        label: "?",
        action: Action::Help,
        help: "this help (Esc or ? closes it)",
        footer: Some("? help"),
    },
];

fn matches(k: Key, ev: &KeyEvent) -> bool {
    if k.code != ev.code {
        return false;
    }
    // Shift is part of the character itself ('G', '?'); other modifiers must match.
    let held = ev.modifiers - KeyModifiers::SHIFT;
    held == k.mods
}

/// The action bound to a key press, if any.
pub fn action_for(ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.keys.iter().any(|k| matches(*k, ev)))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(
            action_for(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&ev(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&ev(KeyCode::Char('c'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            action_for(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::End)
        );
        assert_eq!(
            action_for(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPanel)
        );
    }

    #[test]
    fn no_key_is_bound_twice() {
        for (i, b) in BINDINGS.iter().enumerate() {
            for k in b.keys {
                for other in &BINDINGS[i + 1..] {
                    assert!(
                        !other
                            .keys
                            .iter()
                            .any(|o| o.code == k.code && o.mods == k.mods),
                        "{:?} is bound twice",
                        k.code
                    );
                }
            }
        }
    }
}
