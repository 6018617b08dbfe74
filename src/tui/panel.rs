//! The recommendation panel's text: for the selected item, the medium that fits, the
//! timebox, the reasons, the warnings with what they signal, whether it is private, and the
//! agenda checklist of a sync; for a calendar meeting, its flags and the way out. It reads
//! no `App`, so the app can measure the panel to keep its scroll in range.

use ratatui::text::{Line, Span};

use super::action::Action;
use super::keymap::{Keymap, Scope};
use super::theme::Theme;
use super::view::{MeetingRow, View};
use crate::core::ChosenMedium;
use crate::core::engine::Recommendation;
use crate::core::policy::AgendaPart;
use crate::core::text;

/// What the panel is about: the selected item, or the selected meeting while the calendar
/// has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Item(usize),
    Meeting(usize),
}

/// The panel's lines for `subject` in `view`.
pub fn lines(view: &View, keymap: &Keymap, theme: &Theme, subject: Subject) -> Vec<Line<'static>> {
    let key_name = |action: Action| {
        keymap
            .key_for(Scope::Normal, action)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    };
    let report = match subject {
        Subject::Meeting(index) => {
            return match view.calendar.get(index) {
                Some(row) => meeting_lines(theme, row, key_name(Action::ReplaceMeeting)),
                None => Vec::new(),
            };
        }
        Subject::Item(index) => view.rows.get(index),
    };
    let Some(report) = report else {
        return vec![
            Line::raw(""),
            Line::styled("Select an item to see which medium fits it.", theme.dim()),
        ];
    };
    let item = &report.item;
    let rec = &report.recommendation;
    let mut lines = vec![Line::styled(
        format!("#{} {}", item.id, text::display(&item.title)),
        theme.heading(),
    )];
    let mut facts = vec![item.intent.id().to_string(), format!("{} heat", item.heat)];
    if !item.with.is_empty() {
        facts.insert(0, format!("with {}", text::display(&item.with)));
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
    if item.sample {
        facts.push("sample".to_string());
    }
    lines.push(Line::styled(facts.join(" · "), theme.dim()));
    let private = key_name(Action::TogglePrivate);
    lines.push(if item.private {
        Line::from(vec![
            Span::styled("Private", theme.warning()),
            Span::raw(format!(
                ": out of the brief and invites ({private} shares it)"
            )),
        ])
    } else {
        Line::from(vec![
            Span::styled("Shared", theme.dim()),
            Span::raw(format!(": in the brief ({private} makes it private)")),
        ])
    });
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
        let accept = key_name(Action::AcceptRecommendation);
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
        lines.extend(warning_lines(rec, theme));
    }

    lines.push(Line::raw(""));
    lines.extend(why_lines(rec, theme));

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
                ("[x]", theme.good(), text::display(value))
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
    lines
}

/// The panel for a calendar meeting: when, how long, how many, its flags and the way out.
fn meeting_lines(theme: &Theme, row: &MeetingRow, replace_key: String) -> Vec<Line<'static>> {
    let meeting = &row.meeting;
    let mut lines = vec![
        Line::styled(text::display(&meeting.title), theme.heading()),
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
            Span::styled(replace_key, theme.key()),
            Span::raw(format!(
                " plans a written update instead and takes its {} min out of the budget; the invite stays on the calendar.",
                meeting.minutes
            )),
        ]));
    }
    lines
}

/// A line per warning: its code, then what it signals. The panel and the form's live
/// advice both show them so.
pub fn warning_lines<'a>(
    rec: &'a Recommendation,
    theme: &'a Theme,
) -> impl Iterator<Item = Line<'static>> + 'a {
    rec.warnings.iter().map(|w| {
        Line::from(vec![
            Span::styled(format!("! {} ", w.code), theme.warning()),
            Span::raw(w.message),
        ])
    })
}

/// "Why" and a line per reason, each as the terminal may show it (a reason can quote the
/// title's words).
pub fn why_lines(rec: &Recommendation, theme: &Theme) -> Vec<Line<'static>> {
    std::iter::once(Line::styled("Why", theme.heading()))
        .chain(
            rec.reasons
                .iter()
                .map(|r| Line::raw(format!("• {}", text::display(&r.to_string())))),
        )
        .collect()
}
