//! The module graph stays one-directional (shared/DESIGN.md): no cycle between the top-level
//! modules under src/ (`use crate::x` and `crate::x::` paths, and `jwtscope::x` from the
//! binary's modules), and none between the files of one module (`super::x`,
//! `crate::<module>::x`). A cycle makes each side impossible to change or test alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments and string literals, so doc links and messages that mention
/// a path are not read as dependencies.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            i = end;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('"', '\''); lifetimes ('a) are left alone.
            let close = src[i + 2..].find('\'').map_or(b.len(), |e| i + 2 + e + 1);
            i = close;
        } else {
            let ch = src[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segments after each `prefix` (`crate::`, `super::`, `jwtscope::`),
/// including those inside a brace group right after it (`crate::{a, b::c}`).
fn first_segments(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        item_start = false;
                        let id = ident_at(&group[i..]);
                        if !id.is_empty() {
                            out.insert(id.to_string());
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let id = ident_at(rest);
            if !id.is_empty() {
                out.insert(id.to_string());
            }
        }
    }
    out
}

/// A cycle in `graph`, as the list of nodes around it, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|n| n == next).expect("on the path");
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(next, graph, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New
            && let Some(c) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

struct Crate {
    /// Top-level module → the top-level modules it uses.
    top: Graph,
    /// "module/file" → the sibling files it uses, per top-level module directory.
    files: Graph,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let rel = |p: &Path| -> Vec<String> {
        p.strip_prefix(&src)
            .expect("under src/")
            .with_extension("")
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    };
    let modules: BTreeSet<String> = paths
        .iter()
        .map(|p| rel(p)[0].clone())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut top = Graph::new();
    let mut files = Graph::new();
    for path in &paths {
        let parts = rel(path);
        let module = &parts[0];
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_only(&fs::read_to_string(path).expect("source is readable"));
        let node = top.entry(module.clone()).or_default();
        for prefix in ["crate::", "jwtscope::"] {
            for used in first_segments(&code, prefix) {
                if &used != module && modules.contains(&used) {
                    node.insert(used);
                }
            }
        }
        // The children of a top-level module: its files other than mod.rs (the parent
        // declares and re-exports its children) and its directories' mod.rs.
        if (parts.len() == 2 && parts[1] != "mod") || (parts.len() == 3 && parts[2] == "mod") {
            // Sibling modules: files (`claims/time.rs`) and directories (`claims/catalog/`).
            let siblings: BTreeSet<String> = paths
                .iter()
                .map(|p| rel(p))
                .filter(|r| {
                    &r[0] == module
                        && ((r.len() == 2 && r[1] != "mod") || (r.len() == 3 && r[2] == "mod"))
                })
                .map(|r| r[1].clone())
                .collect();
            let me = format!("{module}/{}", parts[1]);
            let node = files.entry(me).or_default();
            let own = format!("crate::{module}::");
            let mut used = first_segments(&code, "super::");
            used.extend(first_segments(&code, &own));
            for u in used {
                if u != parts[1] && siblings.contains(&u) {
                    node.insert(format!("{module}/{u}"));
                }
            }
        }
    }
    Crate { top, files }
}

fn show(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(k, v)| {
            format!(
                "{k} -> {}",
                v.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn top_level_modules_form_no_cycle() {
    let c = read_crate();
    // The pipeline's layers are all there, so the scan read what it should.
    for (from, to) in [
        ("claims", "report"),
        ("pipeline", "claims"),
        ("output", "report"),
    ] {
        assert!(
            c.top.get(from).is_some_and(|t| t.contains(to)),
            "expected {from} -> {to} in\n{}",
            show(&c.top)
        );
    }
    if let Some(cycle) = find_cycle(&c.top) {
        panic!(
            "module cycle: {}\nthe graph:\n{}",
            cycle.join(" -> "),
            show(&c.top)
        );
    }
}

#[test]
fn files_within_a_module_form_no_cycle() {
    let c = read_crate();
    for (from, to) in [
        ("verify/crypto", "verify/keys"),
        ("claims/issuer", "claims/catalog"),
    ] {
        assert!(
            c.files.get(from).is_some_and(|t| t.contains(to)),
            "expected {from} -> {to} in\n{}",
            show(&c.files)
        );
    }
    if let Some(cycle) = find_cycle(&c.files) {
        panic!(
            "cycle between the files of a module: {}\nthe graph:\n{}",
            cycle.join(" -> "),
            show(&c.files)
        );
    }
}

#[test]
fn the_scanner_sees_cycles_and_grouped_imports() {
    let code = code_only(
        "use crate::{a::X, b};\n// use crate::c;\nlet s = \"crate::d\";\nfn f() { crate::e::g() }\nuse super::{f, h::I};",
    );
    let segs = first_segments(&code, "crate::");
    assert_eq!(segs, BTreeSet::from(["a".into(), "b".into(), "e".into()]));
    let segs = first_segments(&code, "super::");
    assert_eq!(segs, BTreeSet::from(["f".into(), "h".into()]));
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
