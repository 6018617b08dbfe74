//! Benchmarks of the core and the TUI at the sizes users have: 2,000 items (about a year
//! of plans) and 10,000 (the stress case). Loading the store, recommending every item,
//! writing the `list --json` body, computing the budget, the first frame, one key handled
//! and redrawn, and one key that changes an item and saves.

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

/// The store sizes measured: a year of plans, and the stress case.
const SIZES: [usize; 2] = [2_000, 10_000];

fn store_with_items(dir: &std::path::Path, clock: Clock, items: usize) -> Store {
    let store = Store::at(dir);
    store
        .update(|plan: &mut Plan| {
            plan.items = synthetic(items, 1, clock.this_week(), clock.utc);
            plan.next_id = items as u32 + 1;
            Ok::<_, syncwise::store::StoreError>(())
        })
        .expect("bench store");
    store
}

fn core(c: &mut Criterion) {
    for size in SIZES {
        core_at(c, size);
    }
}

fn core_at(c: &mut Criterion, size: usize) {
    let n = if size >= 10_000 { "10k" } else { "2k" };
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = syncwise::env::pinned_clock("2026-11-25").expect("clock");
    let store = store_with_items(dir.path(), clock, size);

    c.bench_function(&format!("load {n}-item store"), |b| {
        b.iter(|| black_box(store.load().expect("load")))
    });
    let plan = store.load().expect("load");
    c.bench_function(&format!("recommend {n} items"), |b| {
        b.iter(|| {
            for item in &plan.items {
                black_box(ItemReport::new(item, clock.local, &plan.settings));
            }
        })
    });
    let mut items: Vec<_> = plan.items.iter().collect();
    items.sort_by_key(|i| (i.week, i.day, i.id));
    c.bench_function(
        &format!("list --json body: recommend and encode {n} items"),
        |b| {
            b.iter(|| {
                let mut out = std::io::sink();
                syncwise::cli::output::json_reports(&mut out, &items, clock.local, &plan.settings)
                    .expect("encode")
            })
        },
    );
    c.bench_function(&format!("budget of a week over {n} items"), |b| {
        b.iter(|| black_box(week_budget(&plan.items, clock.this_week(), &plan.settings)))
    });
    c.bench_function(&format!("load + recommend all + budget, {n}"), |b| {
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
    for size in SIZES {
        tui_at(c, size);
    }
}

fn tui_at(c: &mut Criterion, size: usize) {
    let n = if size >= 10_000 { "10k" } else { "2k" };
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = syncwise::env::pinned_clock("2026-11-25").expect("clock");
    let store = store_with_items(dir.path(), clock, size);

    c.bench_function(&format!("tui start to first frame, {n} items"), |b| {
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
    c.bench_function(&format!("tui key handled and redrawn, {n} items"), |b| {
        b.iter(|| alternate(&mut app, &mut terminal, &mut flip, &down, &up))
    });

    let plus = KeyEvent::new(KeyCode::Char('+'), KeyModifiers::NONE);
    let minus = KeyEvent::new(KeyCode::Char('-'), KeyModifiers::NONE);
    let mut group = c.benchmark_group(format!("tui change saved {n}"));
    group.sample_size(20);
    group.bench_function(
        format!("key that changes an item (save to disk), {n} items"),
        |b| b.iter(|| alternate(&mut app, &mut terminal, &mut flip, &plus, &minus)),
    );
    group.finish();
}

criterion_group!(benches, core, tui);
criterion_main!(benches);
