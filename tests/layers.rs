//! The layer rule, checked on the source text: nothing under `src/core/` or `src/ics/`
//! reaches a terminal, the command line, the disk or the environment, nor the shells
//! and the store; nothing under `src/ics/` reaches the rest of the crate.
//!
//! The scanner reads `use` declarations (groups, nesting, `self`, `super`, aliases,
//! globs, `::` roots) and every path written in the code (`std::fs::read`,
//! `#[derive(clap::Parser)]`), after removing comments and string and character
//! literals, so that prose and messages never count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What no file of the core or the calendar reader may name.
const BANNED: &[&[&str]] = &[
    &["ratatui"],
    &["crossterm"],
    &["clap"],
    &["std", "fs"],
    &["std", "env"],
    &["std", "process"],
    &["std", "net"],
    &["chrono", "Local"],
    &["directories"],
    &["crate", "store"],
    &["crate", "env"],
    &["crate", "net"],
    &["crate", "cli"],
    &["crate", "tui"],
    &["crate", "net"],
    &["std", "net"],
    &["std", "process"],
    &["ureq"],
];

/// Which rules a file is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Core,
    /// The calendar reader: the core's rules, and nothing from the crate but itself.
    Ics,
}

// ---------------------------------------------------------------- the scanner

fn is_ident(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The text with comments, strings and character literals blanked out (newlines kept,
/// so that line numbers stay true).
fn strip(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let len = chars.len();
    let at = |i: usize| chars.get(i).copied();
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < len {
        let c = chars[i];
        let next = at(i + 1);
        if c == '/' && next == Some('/') {
            while i < len && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < len {
                if chars[i] == '/' && at(i + 1) == Some('*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == Some('/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings: r"…", r#"…"#, br"…", cr#"…"#.
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        let after_prefix =
            i >= 1 && matches!(chars[i - 1], 'b' | 'c') && (i == 1 || !is_ident(chars[i - 2]));
        if c == 'r' && (starts_word || after_prefix) {
            let mut j = i + 1;
            while at(j) == Some('#') {
                j += 1;
            }
            let hashes = j - i - 1;
            if at(j) == Some('"') {
                out.extend(std::iter::repeat_n(' ', j - i + 1));
                i = j + 1;
                while i < len {
                    if chars[i] == '"' && (1..=hashes).all(|k| at(i + k) == Some('#')) {
                        out.extend(std::iter::repeat_n(' ', hashes + 1));
                        i += hashes + 1;
                        break;
                    }
                    out.push(blank(chars[i]));
                    i += 1;
                }
                continue;
            }
        }
        if c == '"' {
            out.push(' ');
            i += 1;
            while i < len {
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        if let Some(n) = at(i + 1) {
                            out.push(blank(n));
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push(' ');
                        i += 1;
                        break;
                    }
                    other => {
                        out.push(blank(other));
                        i += 1;
                    }
                }
            }
            continue;
        }
        if c == '\'' {
            // '\n', '\'', '\u{1b}': an escape runs to the closing quote.
            if next == Some('\\') {
                let mut j = i + 3;
                while j < len && chars[j] != '\'' {
                    j += 1;
                }
                out.extend(std::iter::repeat_n(' ', j.min(len - 1) + 1 - i));
                i = j + 1;
                continue;
            }
            // 'x' (a lifetime such as 'a has no closing quote).
            if at(i + 2) == Some('\'') {
                out.push_str("   ");
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

fn tokenize(text: &str) -> Vec<(Tok, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if is_ident(c) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            let mut word: String = chars[start..i].iter().collect();
            // r#type is the identifier `type`.
            if word == "r"
                && chars.get(i) == Some(&'#')
                && chars.get(i + 1).is_some_and(|&c| is_ident(c))
            {
                i += 1;
                let start = i;
                while i < chars.len() && is_ident(chars[i]) {
                    i += 1;
                }
                word = chars[start..i].iter().collect();
            }
            out.push((Tok::Ident(word), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((Tok::Sep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// A path a file names, as written, with where it stands.
#[derive(Debug, Clone)]
struct Written {
    line: usize,
    segments: Vec<String>,
    /// Ends in `::*`.
    glob: bool,
    /// Starts with `::` (an external crate).
    rooted: bool,
    /// The module it is written in (`crate::ics::expand::tests`).
    module: Vec<String>,
    /// Written in a `use` (or `extern crate`) declaration.
    declared: bool,
    /// For a `use`: the name it binds (`as` name, or the last segment).
    binds: Option<String>,
}

fn ident(tokens: &[(Tok, usize)], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    }
}

fn is(tokens: &[(Tok, usize)], i: usize, tok: &Tok) -> bool {
    tokens.get(i).is_some_and(|(t, _)| t == tok)
}

/// One path of a use declaration: segments, glob, rooted, the name bound, the line.
type UseTree = (Vec<String>, bool, bool, Option<String>, usize);

/// Parses a use tree at `i` under `prefix`; returns the position after it.
fn use_tree(
    tokens: &[(Tok, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    rooted: bool,
    out: &mut Vec<UseTree>,
) -> usize {
    let rooted = rooted || (prefix.is_empty() && is(tokens, i, &Tok::Sep));
    if prefix.is_empty() && is(tokens, i, &Tok::Sep) {
        i += 1;
    }
    loop {
        if is(tokens, i, &Tok::Punct('*')) {
            out.push((prefix, true, rooted, None, tokens[i].1));
            return i + 1;
        }
        if is(tokens, i, &Tok::Punct('{')) {
            i += 1;
            while !is(tokens, i, &Tok::Punct('}')) && i < tokens.len() {
                i = use_tree(tokens, i, prefix.clone(), rooted, out);
                if is(tokens, i, &Tok::Punct(',')) {
                    i += 1;
                }
            }
            return i + 1;
        }
        let Some(name) = ident(tokens, i) else {
            return i + 1;
        };
        i += 1;
        if name == "self" && !prefix.is_empty() {
            // `a::{self}` is `a`.
        } else {
            prefix.push(name.to_string());
        }
        if is(tokens, i, &Tok::Sep) {
            i += 1;
            continue;
        }
        let mut binds = prefix.last().cloned();
        if ident(tokens, i) == Some("as") {
            binds = ident(tokens, i + 1).map(str::to_string);
            i += 2;
        }
        let line = tokens[i.saturating_sub(1)].1;
        out.push((prefix, false, rooted, binds, line));
        return i;
    }
}

/// Every path a file names.
fn written_paths(file_module: &[String], src: &str) -> Vec<Written> {
    let tokens = tokenize(&strip(src));
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut modules: Vec<(String, usize)> = Vec::new();
    let mut pending_mod: Option<String> = None;
    let module_here = |modules: &[(String, usize)]| -> Vec<String> {
        let mut m = file_module.to_vec();
        m.extend(modules.iter().map(|(n, _)| n.clone()));
        m
    };
    let mut i = 0;
    while i < tokens.len() {
        let (tok, line) = (&tokens[i].0, tokens[i].1);
        match tok {
            Tok::Punct('{') => {
                depth += 1;
                if let Some(name) = pending_mod.take() {
                    modules.push((name, depth));
                }
                i += 1;
            }
            Tok::Punct('}') => {
                if modules.last().is_some_and(|(_, d)| *d == depth) {
                    modules.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Tok::Ident(word) if word == "mod" => {
                pending_mod = ident(&tokens, i + 1)
                    .filter(|_| is(&tokens, i + 2, &Tok::Punct('{')))
                    .map(str::to_string);
                i += 1;
            }
            Tok::Ident(word) if word == "use" => {
                let mut trees = Vec::new();
                let mut j = use_tree(&tokens, i + 1, Vec::new(), false, &mut trees);
                while j < tokens.len() && !is(&tokens, j, &Tok::Punct(';')) {
                    j += 1;
                }
                for (segments, glob, rooted, binds, line) in trees {
                    out.push(Written {
                        line,
                        segments,
                        glob,
                        rooted,
                        module: module_here(&modules),
                        declared: true,
                        binds,
                    });
                }
                i = j + 1;
            }
            Tok::Ident(word) if word == "extern" && ident(&tokens, i + 1) == Some("crate") => {
                if let Some(name) = ident(&tokens, i + 2) {
                    out.push(Written {
                        line,
                        segments: vec![name.to_string()],
                        glob: false,
                        rooted: true,
                        module: module_here(&modules),
                        declared: true,
                        binds: None,
                    });
                }
                i += 3;
            }
            _ => {
                // A path starts at `a::` not preceded by `::`, or at a leading `::`
                // (one that follows neither a name nor a generic's `>`).
                let prev = i.checked_sub(1).map(|p| &tokens[p].0);
                let continues = matches!(prev, Some(Tok::Sep));
                let rooted = matches!(tok, Tok::Sep)
                    && !matches!(prev, Some(Tok::Ident(_) | Tok::Punct('>')));
                let starts =
                    (matches!(tok, Tok::Ident(_)) && is(&tokens, i + 1, &Tok::Sep) && !continues)
                        || rooted;
                if !starts {
                    i += 1;
                    continue;
                }
                let mut j = if rooted { i + 1 } else { i };
                let mut segments = Vec::new();
                while let Some(name) = ident(&tokens, j) {
                    segments.push(name.to_string());
                    j += 1;
                    if is(&tokens, j, &Tok::Sep) && ident(&tokens, j + 1).is_some() {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if !segments.is_empty() {
                    out.push(Written {
                        line,
                        segments,
                        glob: false,
                        rooted,
                        module: module_here(&modules),
                        declared: false,
                        binds: None,
                    });
                }
                i = j.max(i + 1);
            }
        }
    }
    out
}

/// The absolute path a written path stands for: `crate`, `self`, `super` and the
/// names `use` bound resolved; anything else is an external crate's.
fn resolve(w: &Written, aliases: &HashMap<String, Vec<String>>) -> Vec<String> {
    let segs = &w.segments;
    if w.rooted || segs.is_empty() {
        return segs.clone();
    }
    let mut base: Vec<String>;
    let mut k = 0;
    match segs[0].as_str() {
        "crate" => return segs.clone(),
        "self" => {
            base = w.module.clone();
            k = 1;
        }
        "super" => {
            base = w.module.clone();
            while segs.get(k).is_some_and(|s| s == "super") {
                base.pop();
                k += 1;
            }
        }
        name => match aliases.get(name) {
            Some(full) if !w.declared && full.first().map(String::as_str) != Some(name) => {
                base = full.clone();
                k = 1;
            }
            _ => return segs.clone(),
        },
    }
    base.extend(segs[k..].iter().cloned());
    base
}

/// What a path breaks, if anything.
fn breaks(path: &[String], glob: bool, layer: Layer) -> Option<String> {
    let starts = |prefix: &[&str]| {
        path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
    };
    // `use std::*` or `use crate::*` names what is banned below it.
    let covers = |prefix: &[&str]| {
        glob && path.len() < prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
    };
    for banned in BANNED {
        if starts(banned) || covers(banned) {
            return Some(banned.join("::"));
        }
    }
    if layer == Layer::Ics && path.first().is_some_and(|s| s == "crate") {
        let own = path.get(1).is_some_and(|s| s == "ics");
        if (path.len() >= 2 && !own) || (path.len() == 1 && glob) {
            return Some("the crate outside crate::ics".into());
        }
    }
    None
}

/// The layer rule's breaches in one file: `line: path (rule)`.
fn breaches(file_module: &[&str], src: &str, layer: Layer) -> Vec<String> {
    let module: Vec<String> = file_module.iter().map(|s| s.to_string()).collect();
    let written = written_paths(&module, src);
    let mut aliases = HashMap::new();
    for w in written.iter().filter(|w| w.declared && !w.glob) {
        if let Some(name) = &w.binds {
            aliases.insert(name.clone(), resolve(w, &HashMap::new()));
        }
    }
    let mut out = Vec::new();
    for w in &written {
        let path = resolve(w, &aliases);
        if let Some(rule) = breaks(&path, w.glob, layer) {
            let glob = if w.glob { "::*" } else { "" };
            out.push(format!(
                "{}: {}{glob} (names {rule})",
                w.line,
                path.join("::")
            ));
        }
    }
    out
}

// ---------------------------------------------------------------- the crate's files

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/ics/expand.rs` is `crate::ics::expand`; `src/ics/mod.rs` is `crate::ics`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut module = vec!["crate".to_string()];
    module.extend(
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if module.last().is_some_and(|m| m == "mod") {
        module.pop();
    }
    module
}

fn breaches_under(dir: &str, layer: Layer) -> (usize, Vec<String>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src.join(dir), &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let module = module_of(&src, file);
        let module: Vec<&str> = module.iter().map(String::as_str).collect();
        for breach in breaches(&module, &text, layer) {
            out.push(format!(
                "src/{}:{breach}",
                file.strip_prefix(&src).unwrap().display()
            ));
        }
    }
    (files.len(), out)
}

#[test]
fn the_calendar_reader_stands_alone() {
    let (files, found) = breaches_under("ics", Layer::Ics);
    assert!(files >= 8, "only {files} files under src/ics");
    assert!(
        found.is_empty(),
        "src/ics breaks the layer rule:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_reaches_no_terminal_command_line_disk_or_shell() {
    let (files, found) = breaches_under("core", Layer::Core);
    assert!(files >= 10, "only {files} files under src/core");
    assert!(
        found.is_empty(),
        "src/core breaks the layer rule:\n{}",
        found.join("\n")
    );
}

// ---------------------------------------------------------------- the scanner itself

fn core_breaches(src: &str) -> Vec<String> {
    breaches(&["crate", "core", "x"], src, Layer::Core)
}

#[test]
fn the_scanner_sees_groups_aliases_roots_and_written_paths() {
    for src in [
        "use std::{io, fs};",
        "use std::{io::{self, Write}, fs::File};",
        "use std::{\n    env,\n    io,\n};",
        "use std::fs as files;",
        "use std::{fs::{self}};",
        "pub(crate) use ::clap::Parser;",
        "fn f() { let _ = std::fs::read(p); }",
        "fn f() { std :: env :: var(k); }",
        "fn f() { ::std::env::args(); }",
        "fn f() { std::\n    fs::read(p); }",
        "use crate::{store::Store};",
        "use crate::{core::week, tui::App};",
        "use super::super::tui::App;",
        "use super::super::{cli};",
        "use std as s; fn f() { s::fs::read(p); }",
        "use std::*;",
        "use crate::*;",
        "#[derive(clap::Parser)] struct A;",
        "extern crate crossterm;",
        "use directories::ProjectDirs;",
        "use ratatui::prelude::*;",
        "fn f() { crossterm::terminal::enable_raw_mode(); }",
        "fn f() -> Vec<u8> { Vec::<u8>::new(); std::fs::read(p) }",
        "mod inner { use super::super::super::store; }",
        "use r#std::fs;",
    ] {
        assert_eq!(
            core_breaches(src).len(),
            1,
            "{src:?}: {:?}",
            core_breaches(src)
        );
    }
    assert_eq!(core_breaches("use std::{fs, env};").len(), 2);
    assert_eq!(
        core_breaches("use std::io;\n\nuse std::{\n    fs,\n};"),
        ["4: std::fs (names std::fs)"]
    );
}

#[test]
fn the_system_clock_the_environment_and_the_network_are_outside_the_core() {
    assert_eq!(
        core_breaches("use chrono::{DateTime, Local};"),
        ["1: chrono::Local (names chrono::Local)"]
    );
    assert_eq!(
        core_breaches("fn f() { std::process::Command::new(\"pass\"); }"),
        ["1: std::process::Command::new (names std::process)"]
    );
    assert_eq!(
        core_breaches("use crate::env::system_clock;"),
        ["1: crate::env::system_clock (names crate::env)"]
    );
}

#[test]
fn the_scanner_ignores_prose_messages_and_allowed_paths() {
    for src in [
        "// use std::fs;",
        "//! Reads nothing through `std::fs` or `crate::store`.",
        "/* use std::fs; /* nested */ use clap::Parser; */",
        "const A: &str = \"std::fs\";",
        "const B: &str = \"a \\\" use std::fs; \\\" b\";",
        "const C: &str = r#\"use clap::Parser; \"quoted\" std::env\"#;",
        "const D: &[u8] = br\"std::fs\";",
        "fn f() { let c = '\"'; let d = '\\''; use std::io; }",
        "fn f<'a>(x: &'a str) -> &'a str { x }",
        "use std::io::{self, Write};",
        "use crate::core::week::IsoWeek;",
        "use chrono::{DateTime, Utc};",
        "fn f() { my::std::fs::read(p); }",
        "fn f() { Self::fs(); self.env(); }",
        "use crate::ics;",
    ] {
        assert!(
            core_breaches(src).is_empty(),
            "{src:?}: {:?}",
            core_breaches(src)
        );
    }
}

#[test]
fn the_calendar_reader_may_use_itself_only() {
    let at = |module: &[&str], src: &str| breaches(module, src, Layer::Ics);
    let zone = ["crate", "ics", "zone"];
    let root = ["crate", "ics"];
    for src in [
        "use crate::core::week::IsoWeek;",
        "use super::super::core;",
        "fn f() { crate::core::sanitize::sanitize(x); }",
        "use crate::{ics::Tz, core::Settings};",
        "use crate::*;",
        "use crate::engine;",
        "use crate as root; fn f() { root::core::x(); }",
    ] {
        assert_eq!(at(&zone, src).len(), 1, "{src:?}: {:?}", at(&zone, src));
    }
    assert_eq!(at(&root, "use super::core::Meeting;").len(), 1);
    for src in [
        "use crate::ics::Tz;",
        "use super::lines::Component;",
        "use super::{Limits, SkipLog};",
        "use super::*;",
        "mod tests { use super::*; }",
        "fn f() { super::lines::short(x); }",
    ] {
        assert!(at(&zone, src).is_empty(), "{src:?}: {:?}", at(&zone, src));
    }
    assert!(at(&root, "mod tests {\n    use super::*;\n}").is_empty());
    assert_eq!(at(&root, "mod tests {}\nuse super::*;").len(), 1);
}
