//! The add/edit form: one line per field (text with its cursor, choices between ◂ ▸, an
//! inferred intent marked as such), each refused value's error under it (wrapped), the
//! focused field's hint, and the live advice on the draft beside the form (wide screens) or
//! under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::form::{FieldKind, Form};
use super::panel;
use super::popup;
use super::view::Row;
use crate::core::slot::parse_at;
use crate::core::text::{display, truncate, width};
use crate::core::{ChosenMedium, Intent};

const LABEL_WIDTH: usize = 10;
/// The narrowest screen that shows the advice beside the form rather than under it.
const WIDE_FROM: u16 = 110;
/// The width of the form's column beside the advice, and the most it grows to show an
/// error whole.
const FORM_WIDTH: u16 = 62;
const MAX_FORM_WIDTH: u16 = 74;
/// The widest the whole overlay gets.
const MAX_WIDTH: u16 = 150;

/// Draws the form over the screen, with the advice on what it holds so far.
pub fn draw(frame: &mut Frame, app: &App, form: &Form) {
    let theme = &app.theme;
    let screen = frame.area();
    let title = match form.target {
        Some(id) => format!("Edit #{id} · Enter saves · Esc cancels"),
        None => format!("Add to {} · Enter saves · Esc cancels", app.week),
    };
    let hint = hint_of(app, form.focused_kind());
    if screen.width >= WIDE_FROM {
        // Room for the longest error under its field, else the advice gets it.
        let error_width = FieldKind::ALL
            .iter()
            .filter_map(|&k| form.error(k))
            .map(|e| LABEL_WIDTH + 3 + width(e))
            .max()
            .unwrap_or(0);
        let form_width = u16::try_from(error_width)
            .unwrap_or(u16::MAX)
            .clamp(FORM_WIDTH, MAX_FORM_WIDTH);
        let field_rows = field_rows(form, usize::from(form_width));
        let hint_rows = wrapped_rows(hint, usize::from(form_width));
        let wanted = field_rows + 1 + hint_rows + 2;
        let height = u16::try_from(wanted.max(20)).unwrap_or(u16::MAX);
        let width = screen.width.saturating_sub(4).min(MAX_WIDTH);
        let inner = popup::open(frame, width, height, &title, theme);
        let [fields, _, advice] = Layout::horizontal([
            Constraint::Length(form_width),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(inner);
        draw_fields(frame, app, form, fields, true);
        draw_advice(frame, app, advice, Borders::LEFT);
    } else {
        // The header and the footer stay in view: the footer tells what a paste left out.
        let height = screen.height.saturating_sub(2).max(1);
        let inner = popup::open(frame, screen.width, height, &title, theme);
        let field_rows = field_rows(form, usize::from(inner.width));
        // The hint leaves the advice two rows at least: its medium and its warnings.
        let spare = usize::from(inner.height).saturating_sub(field_rows + 2);
        let hint_rows = wrapped_rows(hint, usize::from(inner.width)).min(spare.max(1));
        let rows = u16::try_from(field_rows + hint_rows).unwrap_or(u16::MAX);
        let [fields, advice] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(inner);
        draw_fields(frame, app, form, fields, false);
        draw_advice(frame, app, advice, Borders::TOP);
    }
}

/// Whether the draft's medium (as chosen, or as advised for `auto`) has a sync part.
fn draft_has_sync(app: &App) -> bool {
    app.view
        .form
        .as_ref()
        .is_none_or(|row| row.effective_medium.has_sync())
}

/// The hint for a field of the form: the start's says when it does not apply.
fn hint_of(app: &App, kind: FieldKind) -> &'static str {
    kind.hint_for(draft_has_sync(app))
}

/// A refused value's error, wrapped under its field in `columns` columns.
fn error_lines(error: &str, columns: usize) -> Vec<String> {
    let room = columns.saturating_sub(LABEL_WIDTH + 2).max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in error.split(' ') {
        if !line.is_empty() && width(&line) + 1 + width(word) > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The rows the fields take in `columns` columns: one each, and their errors' lines.
fn field_rows(form: &Form, columns: usize) -> usize {
    FieldKind::ALL
        .iter()
        .map(|&k| 1 + form.error(k).map_or(0, |e| error_lines(e, columns).len()))
        .sum()
}

/// The fields, their errors and the focused field's hint; the terminal's cursor goes into
/// the focused text field.
fn draw_fields(frame: &mut Frame, app: &App, form: &Form, area: Rect, gap: bool) {
    let theme = &app.theme;
    let room = usize::from(area.width).saturating_sub(LABEL_WIDTH + 1);
    let mut lines = Vec::new();
    let mut cursor: Option<Position> = None;
    for (index, &kind) in FieldKind::ALL.iter().enumerate() {
        let focused = index == form.focus;
        let label_style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        let mut spans = vec![Span::styled(
            format!("{:<LABEL_WIDTH$}", kind.label()),
            label_style,
        )];
        if let Some(text) = form.text(kind) {
            if focused {
                let (shown, offset) = text.visible(room);
                let column = usize::from(area.x) + LABEL_WIDTH + offset;
                let row = usize::from(area.y) + lines.len();
                cursor = Some(Position::new(
                    u16::try_from(column).unwrap_or(u16::MAX),
                    u16::try_from(row).unwrap_or(u16::MAX),
                ));
                spans.push(Span::styled(shown, theme.selected()));
                spans.push(Span::raw(" "));
            } else if text.is_empty() {
                spans.push(Span::styled(
                    truncate(hint_of(app, kind), room),
                    theme.dim(),
                ));
            } else {
                spans.push(Span::raw(truncate(text.value(), room)));
            }
            if kind == FieldKind::Minutes && form.minutes_follow_intent() {
                let note = if form.intent == Intent::Crisis {
                    "  (a nominal hour: a crisis has no timebox)".to_string()
                } else {
                    format!("  ({}'s timebox)", form.intent)
                };
                spans.push(Span::styled(note, theme.dim()));
            }
            if kind == FieldKind::At
                && let Some(note) = at_note(app, form)
            {
                spans.push(Span::styled(format!("  {note}"), theme.dim()));
            }
        } else {
            let value = form.choice(kind);
            if focused {
                spans.push(Span::styled(format!("◂ {value} ▸"), theme.selected()));
            } else {
                spans.push(Span::raw(value));
            }
            if let Some(note) = choice_note(app, form, kind) {
                spans.push(Span::styled(format!("  {note}"), theme.dim()));
            }
        }
        lines.push(Line::from(spans));
        if let Some(error) = form.error(kind) {
            for (n, part) in error_lines(error, usize::from(area.width))
                .into_iter()
                .enumerate()
            {
                let mark = if n == 0 { "↳ " } else { "  " };
                lines.push(Line::styled(
                    format!("{:LABEL_WIDTH$}{mark}{part}", ""),
                    theme.error(),
                ));
            }
        }
    }
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [fields, hint] =
        Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(Text::from(lines)), fields);
    let mut hint_lines = Vec::new();
    if gap {
        hint_lines.push(Line::raw(""));
    }
    hint_lines.push(Line::styled(hint_of(app, form.focused_kind()), theme.dim()));
    frame.render_widget(
        Paragraph::new(Text::from(hint_lines)).wrap(Wrap { trim: true }),
        hint,
    );
    if let Some(position) = cursor.filter(|p| fields.contains(*p)) {
        frame.set_cursor_position(position);
    }
}

/// What the start shown is: the item's own (pinned, or given by `schedule`), or one typed
/// now (pinned on saving); and that a written update does not use it.
fn at_note(app: &App, form: &Form) -> Option<&'static str> {
    let has_sync = draft_has_sync(app);
    let typed = !form.at.value().trim().is_empty();
    if typed && !has_sync {
        return Some("(only used for a sync)");
    }
    match form.at_kept() {
        Some(true) => Some("(pinned)"),
        Some(false) => Some("(from schedule; editing pins it)"),
        None if typed && parse_at(form.at.value()).is_ok() => Some("(pinned on saving)"),
        None => None,
    }
}

/// What a choice field's value means here: where an intent came from, whose default the
/// privacy is, what `auto` does, the day's date.
fn choice_note(app: &App, form: &Form, kind: FieldKind) -> Option<String> {
    match kind {
        FieldKind::Intent => {
            let inferred = form.inferred.as_ref()?;
            Some(if !inferred.words.is_empty() {
                let words: Vec<String> = inferred
                    .words
                    .iter()
                    .map(|w| format!("\u{201c}{}\u{201d}", display(w)))
                    .collect();
                format!("(from {})", words.join(", "))
            } else if form.title.value().trim().is_empty() {
                "(read from the title as you type it)".to_string()
            } else {
                "(a guess: no word of the title names an intent)".to_string()
            })
        }
        FieldKind::Private => {
            let meaning = if form.private {
                "kept out of the brief"
            } else {
                "shared in the brief"
            };
            Some(if form.private_set {
                meaning.to_string()
            } else {
                format!("{meaning} ({}'s default)", form.intent)
            })
        }
        FieldKind::Medium if form.medium == ChosenMedium::Auto => {
            Some("follows the advice".to_string())
        }
        FieldKind::Day => Some(app.week.date(form.day).format("%-d %b").to_string()),
        _ => None,
    }
}

/// The live advice on the form's draft: the medium that fits, the timebox, what the
/// current choice is, the warnings and the reasons.
fn draw_advice(frame: &mut Frame, app: &App, area: Rect, border: Borders) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(border)
        .border_style(theme.border())
        .title(Line::styled(
            " Advice, live: nothing saved yet ",
            theme.heading(),
        ));
    let Some(row) = &app.view.form else {
        frame.render_widget(block, area);
        return;
    };
    if area.height < 5 {
        // No room for the reasons: the medium and the warnings' codes, without a border.
        frame.render_widget(
            Paragraph::new(Text::from(summary_lines(app, row))).wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let lines = advice_lines(app, row);
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The timebox as the advice says it after the medium.
fn timebox_text(row: &Row) -> String {
    let rec = &row.recommendation;
    match rec.timebox_minutes {
        Some(m) => format!(" · timebox {m} min"),
        None if rec.medium.has_sync() => " · no timebox".to_string(),
        None => String::new(),
    }
}

/// The advice in two lines, for a screen too short for more.
fn summary_lines(app: &App, row: &Row) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let rec = &row.recommendation;
    let mut lines = vec![Line::from(vec![
        Span::styled("Advice ", theme.heading()),
        Span::styled(
            rec.medium.id(),
            theme.medium(rec.medium).add_modifier(Modifier::BOLD),
        ),
        Span::raw(timebox_text(row)),
    ])];
    if !rec.warnings.is_empty() {
        let codes: Vec<String> = rec
            .warnings
            .iter()
            .map(|w| format!("! {}", w.code))
            .collect();
        lines.push(Line::styled(codes.join(" · "), theme.warning()));
    }
    lines.push(chosen_line(app, row));
    lines
}

/// What the user chose, against the advice.
fn chosen_line(app: &App, row: &Row) -> Line<'static> {
    let theme = &app.theme;
    let item = &row.item;
    if item.medium == ChosenMedium::Auto {
        Line::styled("Chosen       auto: follows it", theme.good())
    } else if row.differs {
        Line::from(vec![
            Span::raw("Chosen       "),
            Span::styled(item.medium.id(), theme.medium(row.effective_medium)),
            Span::styled(" (differs)", theme.warning()),
        ])
    } else {
        Line::raw(format!("Chosen       {}, as advised", item.medium))
    }
}

fn advice_lines(app: &App, row: &Row) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let rec = &row.recommendation;
    let timebox = timebox_text(row);
    let mut lines = vec![Line::from(vec![
        Span::raw("Recommended  "),
        Span::styled(
            rec.medium.id(),
            theme.medium(rec.medium).add_modifier(Modifier::BOLD),
        ),
        Span::raw(timebox),
    ])];
    lines.push(chosen_line(app, row));
    if !rec.warnings.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(panel::warning_lines(rec, theme));
    }
    lines.push(Line::raw(""));
    lines.extend(panel::why_lines(rec, theme));
    lines
}

/// How many rows `text` takes wrapped at word boundaries to `width` columns.
fn wrapped_rows(text: &str, columns: usize) -> usize {
    let columns = columns.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w > columns {
            rows += 1;
            used = w;
        } else {
            used += if used > 0 { 1 + w } else { w };
        }
        while used > columns {
            rows += 1;
            used -= columns;
        }
    }
    rows
}
