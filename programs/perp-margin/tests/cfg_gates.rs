//! On-chain code must be gated so that both SBF toolchains select it: this machine's Debian
//! `bpfel-unknown-none` build sets `target_arch = "bpf"`, platform-tools' `cargo build-sbf` sets
//! `target_os = "solana"` (with `target_arch = "sbf"`). A gate on `target_arch = "bpf"` alone would
//! build a `.so` without an entrypoint under `cargo build-sbf`; pinocchio gates its own entrypoint on
//! `any(target_os = "solana", target_arch = "bpf")`. Every gate in `src/` and `Cargo.toml` must be
//! `any(target_arch = "bpf", target_os = "solana")` (or its `not(...)`).

#![allow(clippy::arithmetic_side_effects)] // host test: line numbers

use std::path::{Path, PathBuf};

const GATE: &str = r#"any(target_arch = "bpf", target_os = "solana")"#;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of `text` that name an SBF target outside the combined gate.
fn bare_gates(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let rest = line.replace(GATE, "");
            rest.contains(r#"target_arch = "bpf""#)
                || rest.contains(r#"target_arch = "sbf""#)
                || rest.contains(r#"target_os = "solana""#) && !rest.contains("check-cfg")
        })
        .map(|(i, line)| (i + 1, line.trim().to_string()))
        .collect()
}

#[test]
fn every_sbf_gate_holds_for_both_toolchains() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("Cargo.toml")];
    sources(&root.join("src"), &mut files);
    let mut gated = 0;
    let mut bad = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        gated += text.matches(GATE).count();
        for (line, src) in bare_gates(&text) {
            bad.push(format!("{}:{line}: {src}", file.strip_prefix(&root).unwrap().display()));
        }
    }
    assert!(bad.is_empty(), "SBF gates that miss one toolchain (use `{GATE}`):\n{}", bad.join("\n"));
    // The entrypoint, the event CPI, the heap batch and the host-only IDL are all gated.
    assert!(gated >= 10, "expected the program's SBF gates, found {gated}");
}

#[test]
fn the_check_catches_a_bare_gate() {
    assert_eq!(bare_gates("#[cfg(target_arch = \"bpf\")]\nmod entrypoint;").len(), 1);
    assert_eq!(bare_gates("#[cfg(not(target_os = \"solana\"))]").len(), 1);
    assert!(bare_gates(&format!("#[cfg(not({GATE}))]\nextern crate std;")).is_empty());
}
