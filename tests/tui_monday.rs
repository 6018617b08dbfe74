//! The Monday keys of the TUI on TestBackend: `c` carries last week over, `E` writes the
//! brief, and the gauge shows the last weeks as a sparkline.

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{Intent, Item, Plan, Status};
use syncwise::store::{Store, StoreError};
use syncwise::tui::{App, buffer_text, draw};

fn week(text: &str) -> IsoWeek {
    text.parse().unwrap()
}

fn open(store: &Store) -> App {
    common::open_app(store)
}

fn press(app: &mut App, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = app.action_for_key(&key).expect("bound key");
    app.update(action);
}

fn fill(store: &Store, items: Vec<Item>) {
    store
        .update(|plan: &mut Plan| {
            for item in items {
                plan.add(item);
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn item(title: &str, week: IsoWeek, intent: Intent, minutes: u32) -> Item {
    let mut item = Item::new(0, title, week, Day::Tue, chrono::Utc::now());
    item.intent = intent;
    item.minutes = minutes;
    item
}

#[test]
fn c_carries_last_weeks_open_items_and_u_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let last = week("2026-W47");
    let mut done = item("Shipped", last, Intent::Status, 15);
    done.status = Status::Done;
    fill(
        &store,
        vec![item("Still open", last, Intent::Question, 15), done],
    );

    let mut app = open(&store);
    assert!(app.rows().is_empty());
    press(&mut app, 'c');
    // It asks first, in the footer; n keeps everything where it is.
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(
        screen.contains("Carry 1 open item from 2026-W47 into 2026-W48? y yes"),
        "{screen}"
    );
    press(&mut app, 'n');
    assert!(app.rows().is_empty());
    press(&mut app, 'c');
    press(&mut app, 'y');
    let rows: Vec<String> = app.rows().iter().map(|i| i.title.clone()).collect();
    assert_eq!(rows, ["Still open"]);
    let saved = store.load().unwrap();
    assert_eq!(saved.item(1).unwrap().week, week("2026-W48"));
    assert_eq!(saved.item(1).unwrap().carried_from, Some(last));
    assert_eq!(saved.item(2).unwrap().week, last);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(screen.contains("↻ Still open"), "{screen}");
    assert!(screen.contains("carried"), "{screen}");

    // A second press finds nothing left to carry.
    press(&mut app, 'c');
    assert_eq!(store.load().unwrap().items.len(), 2);
    assert!(app.message.as_ref().unwrap().text.contains("Nothing open"));

    press(&mut app, 'u');
    assert_eq!(store.load().unwrap().item(1).unwrap().week, last);
}

#[test]
fn capital_e_writes_the_brief_and_offers_it_to_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    fill(
        &store,
        vec![item("Weekly status", week("2026-W48"), Intent::Status, 15)],
    );
    let mut app = open(&store);
    press(&mut app, 'E');
    let path = dir.path().join("briefs").join("2026-W48.md");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("## Status\n\n- Weekly status"),
        "{written}"
    );
    assert_eq!(app.clipboard.as_deref(), Some(written.as_str()));
    let message = &app.message.as_ref().unwrap().text;
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn the_gauge_shows_the_last_eight_weeks_as_a_sparkline() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let this = week("2026-W48");
    // Rising sync time: 60, 120, … 480 minutes over the eight weeks up to this one.
    let items = (0..8)
        .map(|n| {
            item(
                "Hard talk",
                this.offset(n - 7),
                Intent::Conflict,
                60 * (n as u32 + 1),
            )
        })
        .collect();
    fill(&store, items);
    let app = open(&store);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    let line = screen
        .lines()
        .find(|l| l.contains("sync min, last 8 weeks"))
        .unwrap_or_else(|| panic!("no sparkline in\n{screen}"));
    let bars: String = line
        .chars()
        .filter(|c| ('\u{2581}'..='\u{2588}').contains(c))
        .collect();
    assert_eq!(bars.chars().count(), 8, "{line}");
    let heights: Vec<char> = bars.chars().collect();
    assert!(heights.windows(2).all(|w| w[0] <= w[1]), "rising: {line}");
    assert!(line.contains("peak 480"), "{line}");
}
