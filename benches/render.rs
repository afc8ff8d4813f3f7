//! One full frame of the UI at 200x60 with the 260 KB / 5000-group token, in each view.
//! The UI lives in the binary crate, so its module tree is compiled into this bench directly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::duplicate_mod,
    dead_code,
    unused_imports
)]
// (cargo builds benches with cfg(test): the UI's own test module comes along, unused, and
// brings tests/common a second time.)

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../src/tui/mod.rs"]
mod tui;

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut tui::App, code: KeyCode) {
    let ev = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
    app.handle(&ev, Instant::now());
}

fn bench(c: &mut Criterion) {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .into();
    let big = common::big_token(5000);
    let report =
        jwtscope::pipeline::build(big.as_bytes(), jwtscope::source::Source::Stdin, now).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut g = c.benchmark_group("render-200x60-5000-groups");
    let views: [(&str, &[KeyCode]); 7] = [
        ("claims", &[]),
        (
            "claims-detail-groups",
            &[KeyCode::Char('G'), KeyCode::Enter],
        ),
        ("header", &[KeyCode::Char('3')]),
        ("token", &[KeyCode::Char('4')]),
        ("raw", &[KeyCode::Char('r')]),
        ("overview", &[KeyCode::Char('1')]),
        (
            "claims-detail-groups-end",
            &[KeyCode::Char('G'), KeyCode::Enter, KeyCode::End],
        ),
    ];
    for (name, keys) in views {
        let mut app = tui::App::new(Some(report.clone()), now, true, true, &tui::ui::GEOMETRY);
        app.size = ratatui::layout::Rect::new(0, 0, 200, 60);
        for k in keys {
            press(&mut app, *k);
        }
        // Printable keys are held back briefly (a typed paste is told apart by speed): let
        // them act.
        app.idle(Instant::now() + std::time::Duration::from_secs(1));
        g.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| f.render_widget(black_box(&app), f.area()))
                    .unwrap();
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
