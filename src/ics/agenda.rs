//! What a description says beyond the conferencing boilerplate calendar clients add
//! (Google's Meet block, Teams and Zoom join sections, links).

/// Lines of a description that are conferencing boilerplate, not an agenda.
const BOILERPLATE: &[&str] = &[
    "http://",
    "https://",
    "www.",
    "join ",
    "join:",
    "microsoft teams",
    "teams meeting",
    "zoom meeting",
    "zoom.us",
    "google meet",
    "meet.google",
    "webex",
    "meeting id",
    "conference id",
    "passcode",
    "password",
    "dial-in",
    "dial in",
    "dial by",
    "phone numbers",
    "pin:",
    "learn more",
    "meeting options",
    "do not edit",
    "invitation from",
];

/// The lines of a description that a person wrote: trimmed, without Google's
/// `-::~:~::~:` Meet block, Teams and Zoom join lines, links, or lines of fewer than
/// three letters and digits. Raw text: sanitise before printing.
pub fn agenda_lines(description: &str) -> impl Iterator<Item = &str> {
    let mut in_google_block = false;
    description.lines().filter_map(move |line| {
        let line = line.trim();
        if line.starts_with("-::~") {
            in_google_block = !in_google_block;
            return None;
        }
        if in_google_block {
            return None;
        }
        let lower = line.to_lowercase();
        if BOILERPLATE.iter().any(|b| lower.contains(b)) {
            return None;
        }
        (line.chars().filter(|c| c.is_alphanumeric()).count() >= 3).then_some(line)
    })
}

/// Whether a description carries anything beyond conferencing boilerplate.
pub fn has_agenda(description: &str) -> bool {
    agenda_lines(description).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_no_agenda() {
        assert!(!has_agenda(""));
        assert!(!has_agenda("  \n  "));
        let google = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\nJoin with Google Meet: https://meet.google.com/abc-defg-hij\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\n\nPlease do not edit this section.\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-";
        assert!(!has_agenda(google));
        assert!(has_agenda(&format!("Decide the Q3 pricing.\n{google}")));
        let teams = "________________________________________________________________________________\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting<https://teams.microsoft.com/l/meetup-join/x>\nMeeting ID: 123 456 789\nPasscode: abc\n________________________________________________________________________________";
        assert!(!has_agenda(teams));
        assert!(has_agenda("Agenda: rollout risks"));
    }

    #[test]
    fn agenda_lines_keep_what_a_person_wrote() {
        let text =
            "  Decide the Q3 pricing.  \nJoin Zoom Meeting https://zoom.us/j/1\nok\nRisks first";
        assert_eq!(
            agenda_lines(text).collect::<Vec<_>>(),
            ["Decide the Q3 pricing.", "Risks first"]
        );
    }
}
