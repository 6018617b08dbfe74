//! Benchmarks of the intent read from titles: 10,000 realistic titles with the shipped word
//! lists, the same with a user's lists, meetings with a long description, and building the
//! lists from a user's `intents.conf`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use syncwise::core::infer::{Lexicon, infer, infer_meeting};

const TITLES: usize = 10_000;

/// Titles as users type them, of every intent and none, made distinct by a number.
const SEEDS: &[&str] = &[
    "Weekly status update",
    "Feedback to Sam on the incident write-up",
    "Go/no-go on the cut-over",
    "Checkout is down",
    "Coffee chat with the new PM",
    "Explore pricing options for the SMB tier",
    "Negotiate the contract renewal with Acme",
    "Design review: notification service",
    "Does anyone know who owns the billing cron?",
    "We decided to sunset the legacy API",
    "Heads-up: parking garage repairs next week",
    "Project Phoenix",
    "Quick chat",
    "Überblick: Feedback für Jörg zur Präsentation",
    "Incident review for Tuesday's checkout outage",
    "Resolve the on-call disagreement between SRE and Platform",
];

fn titles() -> Vec<String> {
    (0..TITLES)
        .map(|i| format!("{} #{i}", SEEDS[i % SEEDS.len()]))
        .collect()
}

fn bench(c: &mut Criterion) {
    let titles = titles();
    // Build the shipped lists before measuring.
    black_box(infer("warm up"));
    c.bench_function("infer 10k titles", |b| {
        b.iter(|| {
            for title in &titles {
                black_box(infer(title));
            }
        })
    });

    let mine = "crisis = code red, sev 2\ndecision = proposal\nfyi = -digest\n";
    let lexicon = Lexicon::with_config("intents.conf", mine).expect("the user's lists");
    c.bench_function("infer 10k titles with a user's lists", |b| {
        b.iter(|| {
            for title in &titles {
                black_box(lexicon.infer(title));
            }
        })
    });

    let description = "Microsoft Teams meeting\nJoin on your computer, mobile app or room \
                       device\nClick here to join the meeting https://teams.example.com/l/x?y=z\n"
        .repeat(20);
    c.bench_function("infer 1k bare meetings with a long description", |b| {
        b.iter(|| {
            for _ in 0..1_000 {
                black_box(infer_meeting("Sync", &description));
            }
        })
    });

    c.bench_function("build the lists with a user's intents.conf", |b| {
        b.iter(|| black_box(Lexicon::with_config("intents.conf", mine).expect("lists")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
