//! The TUI's one-way dependencies: the state (`app/`) uses parts that never read `App`,
//! and the widgets draw the derived view without computing domain values of their own.

use std::fs;
use std::path::Path;

/// The text of a TUI module: its file, or every file of its folder (`app/`).
fn source(module: &str) -> String {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let folder = tui.join(module);
    if folder.is_dir() {
        let mut files: Vec<_> = fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .collect();
        files.sort();
        return files
            .iter()
            .map(|path| {
                fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    let path = tui.join(format!("{module}.rs"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sibling modules a file uses, from its `use super::…` and `use crate::tui::…` lines.
fn uses(text: &str) -> Vec<String> {
    let prefixes = [
        "use super::",
        "pub use super::",
        "use crate::tui::",
        "pub use crate::tui::",
    ];
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            prefixes.iter().find_map(|prefix| line.strip_prefix(prefix))
        })
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // A module's name is lower case; `App` from `use super::App` in `app/` is a type.
            let module = name.starts_with(|c: char| c.is_ascii_lowercase());
            (module && name != "app").then_some(name)
        })
        .collect()
}

#[test]
fn what_the_app_uses_never_reads_the_app() {
    let mut seen = Vec::new();
    let mut todo = uses(&source("app"));
    assert!(todo.contains(&"view".to_string()), "{todo:?}");
    while let Some(module) = todo.pop() {
        if seen.contains(&module) {
            continue;
        }
        let text = source(&module);
        assert!(
            !text.contains("super::app") && !text.contains("crate::tui::app"),
            "src/tui/{module}.rs reads the app, which uses it: an import cycle"
        );
        todo.extend(uses(&text));
        seen.push(module);
    }
}

#[test]
fn widgets_draw_the_view_and_compute_no_domain_value() {
    let widgets = [
        "render",
        "header",
        "items",
        "calendar",
        "recommendation",
        "gauge",
        "footer",
        "picker",
        "help",
        "form_view",
    ];
    let domain = [
        "plan_budget",
        "week_budget",
        "sync_history",
        "ItemReport",
        "recommend(",
        "is_replaced",
        "replacement(",
        "MediumCounts::of",
        "app.plan",
        "app.rows()",
        "app.meetings()",
    ];
    for widget in widgets {
        let text = source(widget);
        for call in domain {
            assert!(
                !text.contains(call),
                "src/tui/{widget}.rs computes `{call}` itself instead of reading the view"
            );
        }
    }
}
