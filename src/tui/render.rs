//! `render`: draws the whole screen from the state and its derived `View`, and changes
//! nothing.

use ratatui::Frame;

use super::app::{App, Mode};
use super::{
    calendar, footer, form_view, gauge, header, help, items, keymap, layout, picker, review, week,
};

/// Draws the main screen and any overlay of the current mode.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = layout::areas(frame.area(), app.zoom);
    header::draw(frame, areas.header, app);
    if areas.list.is_empty() {
        // Zoomed: the panel and the budget take the screen.
    } else if app.week_view {
        week::draw(frame, areas.list, app);
    } else {
        let (items_area, calendar_area) = layout::split_list(areas.list, app.view.calendar.len());
        items::draw(frame, items_area, app);
        if let Some(area) = calendar_area {
            calendar::draw(frame, area, app);
        }
    }
    if let Some(area) = areas.hint {
        footer::draw_hint(frame, area, app);
    }
    if let Some(area) = areas.detail {
        app.panel.draw(frame, area);
    }
    if let Some(area) = areas.gauge {
        gauge::draw(frame, area, app);
    }
    footer::draw(frame, areas.footer, app);
    match &app.mode {
        Mode::Help => help::draw(
            frame,
            &app.keymap,
            &app.theme,
            &app.help,
            &app.store.dir().join(keymap::CONFIG_FILE),
        ),
        Mode::Picker(_) => picker::draw(frame, app),
        Mode::Form(form) => form_view::draw(frame, app, form),
        Mode::Review => review::draw(frame, body(&areas, frame.area()), app),
        Mode::Normal | Mode::Filter | Mode::Confirm(_) => {}
    }
}

/// The screen between the header and the footer.
fn body(areas: &layout::Areas, screen: ratatui::layout::Rect) -> ratatui::layout::Rect {
    let top = areas.list.y;
    let bottom = if areas.footer.height > 0 {
        areas.footer.y
    } else {
        screen.bottom()
    };
    ratatui::layout::Rect::new(screen.x, top, screen.width, bottom.saturating_sub(top))
}
