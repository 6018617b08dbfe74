//! The recommendation panel, drawn from `panel`'s lines: wrapped and framed once per
//! update, scrolled as the app says, with `↑ more` and `↓ more` in its border while there
//! is more above or below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;

/// The panel as it is drawn: its text wrapped at the panel's width, framed and scrolled.
/// Derived on each update, so a frame only draws it.
#[derive(Debug)]
pub struct PanelView {
    paragraph: Paragraph<'static>,
    max_scroll: u16,
}

impl Default for PanelView {
    fn default() -> Self {
        PanelView {
            paragraph: Paragraph::new(""),
            max_scroll: 0,
        }
    }
}

impl PanelView {
    /// The panel for `lines` in `area` (none when the screen has no room for it), with
    /// `scroll` kept inside what there is to scroll; `down_key` is the key `↓ more` names.
    pub fn new(
        lines: Vec<Line<'static>>,
        area: Option<Rect>,
        scroll: &mut u16,
        theme: &Theme,
        down_key: &str,
    ) -> PanelView {
        let Some(area) = area else {
            *scroll = 0;
            return PanelView::default();
        };
        let paragraph = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let total = paragraph.line_count(inner.width);
        let max_scroll =
            u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
        *scroll = (*scroll).min(max_scroll);
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Line::styled(" Recommendation ", theme.heading()));
        if *scroll > 0 {
            block = block.title(Line::styled(" ↑ more ", theme.key()).right_aligned());
        }
        if *scroll < max_scroll {
            let hint = format!(" ↓ more: {down_key} ");
            block = block.title_bottom(Line::styled(hint, theme.key()).right_aligned());
        }
        PanelView {
            paragraph: paragraph.block(block).scroll((*scroll, 0)),
            max_scroll,
        }
    }

    /// The furthest the panel scrolls: its wrapped lines past its inside height.
    pub fn max_scroll(&self) -> u16 {
        self.max_scroll
    }

    /// Draws the panel in `area`, the one it was derived for.
    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(&self.paragraph, area);
    }
}
