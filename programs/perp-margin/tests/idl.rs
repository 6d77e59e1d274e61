//! The committed IDL and layout table must equal what the Rust declarations generate.
//! Regenerate with `npm run idl` (sets PERP_WRITE_IDL=1).
#![allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host tests: native arithmetic is the reference

use sha2::{Digest, Sha256};
use std::path::PathBuf;

fn idl_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("idl")
}

#[test]
fn idl_and_layouts_are_current() {
    let parts = perp_margin::idl_parts();
    let idl = perp_margin::idl::build_idl(&parts);
    let layouts = perp_margin::idl::build_layouts(&parts);
    let (idl_path, layouts_path) = (idl_dir().join("perp_margin.json"), idl_dir().join("layouts.json"));
    if std::env::var("PERP_WRITE_IDL").is_ok() {
        std::fs::create_dir_all(idl_dir()).unwrap();
        std::fs::write(&idl_path, &idl).unwrap();
        std::fs::write(&layouts_path, &layouts).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&idl_path).unwrap_or_default();
    assert!(
        committed == idl,
        "{} is out of date with the Rust source: run `npm run idl` and commit it",
        idl_path.display()
    );
    let committed = std::fs::read_to_string(&layouts_path).unwrap_or_default();
    assert!(
        committed == layouts,
        "{} is out of date with the Rust source: run `npm run idl` and commit it",
        layouts_path.display()
    );
    // The IDL parses as JSON.
    let v: serde_json::Value = serde_json::from_str(&idl).expect("IDL is valid JSON");
    assert_eq!(v["metadata"]["spec"], "0.1.0");
}

fn sha8(s: &str) -> [u8; 8] {
    let h = Sha256::digest(s.as_bytes());
    h[..8].try_into().unwrap()
}

#[test]
fn discriminators_are_anchor_sighashes() {
    assert_eq!(perp_margin::discriminator::sighash("global:", "place_order"), sha8("global:place_order"));
    assert_eq!(
        perp_margin::discriminator::sighash("account:", "MarginAccount"),
        sha8("account:MarginAccount")
    );
    assert_eq!(perp_margin::discriminator::sighash("event:", "Fill"), sha8("event:Fill"));
    // Anchor's EVENT_IX_TAG = 0x1d9acb512ea545e4 (little-endian)
    assert_eq!(u64::from_le_bytes(perp_margin::discriminator::EVENT_IX_TAG), 0x1d9a_cb51_2ea5_45e4);
}

#[test]
fn event_authority_is_the_pda() {
    let (pda, bump) = pinocchio::Address::find_program_address(
        &[perp_margin::events::EVENT_AUTHORITY_SEED],
        &perp_margin::ID,
    );
    assert_eq!(pda, perp_margin::events::EVENT_AUTHORITY);
    assert_eq!(bump, perp_margin::events::EVENT_AUTHORITY_BUMP);
}

#[test]
fn account_sizes() {
    use perp_margin::state::AccountType;
    const _: () = assert!(perp_margin::state::margin_account::MarginAccount::SPACE <= 1280);
    // The book is created by the admin (no CPI size limit); keep it well under 10 MiB.
    const _: () = assert!(perp_margin::state::order_book::OrderBook::SPACE <= 80 * 1024);
    println!(
        "sizes: Exchange {} Market {} OrderBook {} MarginAccount {} PriceFeed {} BackstopRegistry {}",
        perp_margin::state::exchange::Exchange::SPACE,
        perp_margin::state::market::Market::SPACE,
        perp_margin::state::order_book::OrderBook::SPACE,
        perp_margin::state::margin_account::MarginAccount::SPACE,
        perp_margin::state::price_feed::PriceFeed::SPACE,
        perp_margin::state::backstop::BackstopRegistry::SPACE,
    );
}
