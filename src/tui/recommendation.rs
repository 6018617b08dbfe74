//! The recommendation panel, drawn from `panel`'s lines: wrapped and framed once per
//! update, scrolled as the app says, with `↑ more` and `↓ more` in its border while there
//! is more above or below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::core::week::IsoWeek;

/// Whose recommendation the panel shows: an item (by id) or a meeting (by key) of a week.
/// Another one starts the panel from the top, whatever row it sits in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Shown {
    #[default]
    Nothing,
    Item(IsoWeek, u32),
    Meeting(IsoWeek, String),
}

/// The panel as it is drawn: its text wrapped at the panel's width, framed and scrolled,
/// with its scroll. Derived on each update, so a frame only draws it.
#[derive(Debug)]
pub struct PanelView {
    paragraph: Paragraph<'static>,
    shown: Shown,
    scroll: u16,
    /// The furthest it scrolls: its wrapped lines past its inside height.
    max_scroll: u16,
}

impl Default for PanelView {
    fn default() -> Self {
        PanelView {
            paragraph: Paragraph::new(""),
            shown: Shown::Nothing,
            scroll: 0,
            max_scroll: 0,
        }
    }
}

impl PanelView {
    /// The panel of `shown` for `lines` in `area` (none when the screen has no room for
    /// it), scrolled as `before` was when it showed the same, kept inside what there is to
    /// scroll, else from the top; `down_key` is the key `↓ more` names.
    pub fn new(
        lines: Vec<Line<'static>>,
        area: Option<Rect>,
        (shown, before): (Shown, &PanelView),
        theme: &Theme,
        down_key: &str,
    ) -> PanelView {
        let scroll = if shown == before.shown {
            before.scroll
        } else {
            0
        };
        let Some(area) = area else {
            return PanelView {
                shown,
                ..PanelView::default()
            };
        };
        let paragraph = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let total = paragraph.line_count(inner.width);
        let max_scroll =
            u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
        let scroll = scroll.min(max_scroll);
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Line::styled(" Recommendation ", theme.heading()));
        if scroll > 0 {
            block = block.title(Line::styled(" ↑ more ", theme.key()).right_aligned());
        }
        if scroll < max_scroll {
            let hint = format!(" ↓ more: {down_key} ");
            block = block.title_bottom(Line::styled(hint, theme.key()).right_aligned());
        }
        PanelView {
            paragraph: paragraph.block(block).scroll((scroll, 0)),
            shown,
            scroll,
            max_scroll,
        }
    }

    /// How far the panel is scrolled, in lines.
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// Scrolls by `lines`, down or up, within the text; the next derive draws it there.
    pub fn scroll_by(&mut self, lines: u16, down: bool) {
        self.scroll = if down {
            self.scroll.saturating_add(lines).min(self.max_scroll)
        } else {
            self.scroll.saturating_sub(lines)
        };
    }

    /// Draws the panel in `area`, the one it was derived for.
    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(&self.paragraph, area);
    }
}
