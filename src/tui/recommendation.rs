//! The recommendation panel: for the selected item, the medium that fits, the timebox, the
//! reasons, the warnings with what they signal, and the agenda checklist of a sync.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::app::App;
use super::keymap::Scope;
use super::view::MeetingRow;
use crate::core::ChosenMedium;
use crate::core::policy::AgendaPart;
use crate::core::sanitize::sanitize;

/// Draws the panel for the selected item.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(" Recommendation ", theme.heading()));
    let meeting = app
        .calendar_focus
        .then(|| app.view.calendar.get(app.calendar.selected()))
        .flatten();
    if let Some(meeting) = meeting {
        draw_meeting(frame, area, app, meeting, block);
        return;
    }
    let Some(report) = app.view.rows.get(app.items.selected()) else {
        let text = Text::from(vec![
            Line::raw(""),
            Line::styled("Select an item to see which medium fits it.", theme.dim()),
        ]);
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    let item = &report.item;
    let rec = &report.recommendation;
    let mut lines = vec![Line::styled(
        format!("#{} {}", item.id, sanitize(&item.title)),
        theme.heading(),
    )];
    let mut facts = vec![item.intent.id().to_string(), format!("{} heat", item.heat)];
    if !item.with.is_empty() {
        facts.insert(0, format!("with {}", sanitize(&item.with)));
    }
    // Non-breaking spaces keep a date on one line when the panel wraps.
    facts.push(format!(
        "{}\u{a0}{}",
        item.day,
        item.week.date(item.day).format("%-d\u{a0}%b")
    ));
    if item.exchanges > 0 {
        facts.push(format!("{} exchanges", item.exchanges));
    }
    if let Some(from) = item.carried_from {
        facts.push(format!("carried\u{a0}from\u{a0}{from}"));
    }
    lines.push(Line::styled(facts.join(" · "), theme.dim()));
    lines.push(Line::raw(""));

    let timebox = match rec.timebox_minutes {
        Some(m) => format!(" · timebox {m} min"),
        None if rec.medium.has_sync() => " · no timebox".to_string(),
        None => String::new(),
    };
    lines.push(Line::from(vec![
        Span::raw("Recommended  "),
        Span::styled(
            rec.medium.id(),
            theme
                .medium(rec.medium)
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::raw(timebox),
    ]));
    if item.medium == ChosenMedium::Auto {
        lines.push(Line::styled(
            "Chosen       auto: follows the recommendation",
            theme.good(),
        ));
    } else if report.differs {
        let accept = app
            .keymap
            .key_for(Scope::Normal, Action::AcceptRecommendation)
            .map_or_else(String::new, |k| k.to_string());
        lines.push(Line::from(vec![
            Span::raw("Chosen       "),
            Span::styled(item.medium.id(), theme.medium(report.effective_medium)),
            Span::styled(" (differs)", theme.warning()),
        ]));
        lines.push(Line::from(vec![
            Span::raw("             "),
            Span::styled(accept, theme.key()),
            Span::raw(format!(" accepts {}", rec.medium)),
        ]));
    } else {
        lines.push(Line::raw(format!(
            "Chosen       {}, as recommended",
            item.medium
        )));
    }

    if !rec.warnings.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Warnings", theme.warning()));
        for w in &rec.warnings {
            lines.push(Line::from(vec![
                Span::styled(format!("! {} ", w.code), theme.warning()),
                Span::raw(w.message),
            ]));
        }
    }

    lines.push(Line::raw(""));
    lines.push(Line::styled("Why", theme.heading()));
    lines.extend(rec.reasons.iter().map(|r| Line::raw(format!("• {r}"))));

    if report.effective_medium.has_sync() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Agenda", theme.heading()));
        // The intent's row says which parts a sync of it needs; the others are optional.
        let required = crate::core::policy::default_rule(item.intent).requires;
        for (part, label, value) in [
            (AgendaPart::Problem, "Problem", &item.agenda.problem),
            (AgendaPart::PreRead, "Pre-read", &item.agenda.pre_read),
            (AgendaPart::Outcome, "Outcome", &item.agenda.outcome),
        ] {
            let filled = !value.trim().is_empty();
            let (mark, style, text) = if filled {
                ("[x]", theme.good(), sanitize(value))
            } else if crate::core::engine::states(item, part) {
                ("[x]", theme.good(), "the title says it".to_string())
            } else if required.contains(&part) {
                ("[ ]", theme.warning(), "missing".to_string())
            } else {
                ("[-]", theme.dim(), "optional for this intent".to_string())
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(format!("{label}: "), theme.heading()),
                Span::raw(text),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// The panel for a calendar meeting: when, how long, how many, its flags and the way out.
fn draw_meeting(frame: &mut Frame, area: Rect, app: &App, row: &MeetingRow, block: Block) {
    let theme = &app.theme;
    let meeting = &row.meeting;
    let mut lines = vec![
        Line::styled(sanitize(&meeting.title), theme.heading()),
        Line::styled(
            format!(
                "{}–{} · {}\u{a0}min · {}\u{a0}people{}",
                meeting.start.format("%a\u{a0}%-d\u{a0}%b\u{a0}%H:%M"),
                meeting.end.format("%H:%M"),
                meeting.minutes,
                meeting.attendees,
                if meeting.recurring {
                    " · recurring"
                } else {
                    ""
                }
            ),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    if let Some(id) = row.replaced_by {
        lines.push(Line::styled(
            format!("Replaced by #{id}, a written update: it no longer counts as sync time."),
            theme.good(),
        ));
    } else if meeting.flags.is_empty() {
        lines.push(Line::styled(
            "No flags: this invite looks fit for a live meeting.",
            theme.good(),
        ));
    } else {
        lines.push(Line::styled("Flags", theme.warning()));
        for flag in &meeting.flags {
            lines.push(Line::from(vec![
                Span::styled(format!("! {} ", flag.id()), theme.warning()),
                Span::raw(flag.message()),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(app.key_name(Action::ReplaceMeeting), theme.key()),
            Span::raw(format!(
                " plans a written update instead and takes its {} min out of the budget; the invite stays on the calendar.",
                meeting.minutes
            )),
        ]));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
