//! Benchmarks of the core and the TUI on a 10,000-item store: loading it, recommending every
//! item and writing the `list --json` body, computing the budget, the first frame, and one
//! key handled and redrawn.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::Plan;
use syncwise::core::budget::week_budget;
use syncwise::core::clock::Clock;
use syncwise::core::demo::synthetic;
use syncwise::core::report::ItemReport;
use syncwise::store::Store;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::theme::Theme;
use syncwise::tui::{App, Event, render};

const ITEMS: usize = 10_000;

fn store_with_items(dir: &std::path::Path, clock: Clock) -> Store {
    let store = Store::at(dir);
    store
        .update(|plan: &mut Plan| {
            plan.items = synthetic(ITEMS, 1, clock.this_week(), clock.utc);
            plan.next_id = ITEMS as u32 + 1;
            Ok::<_, syncwise::store::StoreError>(())
        })
        .expect("bench store");
    store
}

fn core(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Clock::pinned("2026-11-25").expect("clock");
    let store = store_with_items(dir.path(), clock);

    c.bench_function("load 10k-item store", |b| {
        b.iter(|| black_box(store.load().expect("load")))
    });
    let text = std::fs::read_to_string(store.path()).expect("store text");
    c.bench_function(
        "parse 10k-item store text with serde alone (for comparison)",
        |b| b.iter(|| black_box(serde_json::from_str::<Plan>(&text).expect("parse"))),
    );

    let plan = store.load().expect("load");
    c.bench_function("recommend 10k items", |b| {
        b.iter(|| {
            for item in &plan.items {
                black_box(ItemReport::new(item, clock.local, &plan.settings));
            }
        })
    });
    let mut items: Vec<_> = plan.items.iter().collect();
    items.sort_by_key(|i| (i.week, i.day, i.id));
    c.bench_function("list --json body: recommend and encode 10k items", |b| {
        b.iter(|| {
            let mut out = std::io::sink();
            syncwise::cli::output::json_reports(&mut out, &items, clock.local, &plan.settings)
                .expect("encode")
        })
    });
    c.bench_function("budget of a week over 10k items", |b| {
        b.iter(|| black_box(week_budget(&plan.items, clock.this_week(), &plan.settings)))
    });
    c.bench_function("load + recommend all + budget", |b| {
        b.iter(|| {
            let plan = store.load().expect("load");
            let reports: Vec<_> = plan
                .items
                .iter()
                .map(|i| ItemReport::new(i, clock.local, &plan.settings))
                .collect();
            black_box(reports.len());
            black_box(week_budget(&plan.items, clock.this_week(), &plan.settings))
        })
    });
}

/// The TUI on the bench store, drawn at 120×40.
fn open_app(store: &Store, clock: Clock) -> App {
    let mut app = App::open(
        store.clone(),
        clock,
        false,
        Keymap::default(),
        Theme::new(false),
    )
    .expect("open");
    app.handle(Event::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// Presses `first` and `second` in turn (so the state stays put) and redraws each time.
fn alternate(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    flip: &mut bool,
    first: &KeyEvent,
    second: &KeyEvent,
) {
    *flip = !*flip;
    let key = if *flip { first } else { second };
    if let Some(action) = app.action_for_key(key) {
        app.update(action);
    }
    terminal.draw(|frame| render(app, frame)).expect("draw");
}

fn tui(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Clock::pinned("2026-11-25").expect("clock");
    let store = store_with_items(dir.path(), clock);

    c.bench_function("tui start to first frame, 10k items", |b| {
        b.iter(|| {
            let app = open_app(&store, clock);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|frame| render(&app, frame)).expect("draw");
            black_box(terminal.backend().buffer().area)
        })
    });

    let mut app = open_app(&store, clock);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut flip = false;
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    let up = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
    c.bench_function("tui key handled and redrawn, 10k items", |b| {
        b.iter(|| alternate(&mut app, &mut terminal, &mut flip, &down, &up))
    });

    let plus = KeyEvent::new(KeyCode::Char('+'), KeyModifiers::NONE);
    let minus = KeyEvent::new(KeyCode::Char('-'), KeyModifiers::NONE);
    let mut group = c.benchmark_group("tui change saved");
    group.sample_size(20);
    group.bench_function("key that changes an item (save to disk), 10k items", |b| {
        b.iter(|| alternate(&mut app, &mut terminal, &mut flip, &plus, &minus))
    });
    group.finish();
}

criterion_group!(benches, core, tui);
criterion_main!(benches);
