//! `anchor build`'s IDL step. Anchor runs `cargo test __anchor_private_print_idl --features
//! idl-build -- --show-output --quiet` in this directory and parses the sections the test prints
//! (`--- IDL begin <kind> ---` … `--- IDL end <kind> ---`, as `anchor-lang-idl` 0.1.4 reads them):
//! the address, the program (instructions, accounts, types, metadata), each event and the errors.
//! The IDL printed is the one generated from the Rust declarations (`perp_margin::idl`), and the test
//! fails unless it equals the committed `idl/perp_margin.json`, so `target/idl/perp_margin.json`
//! can only ever be the committed IDL (anchor sorts its lists by name; the content is the same).
#![cfg(feature = "idl-build")]

use serde_json::{json, Value};

#[test]
fn __anchor_private_print_idl_program() {
    let parts = perp_margin::idl_parts();
    let generated = perp_margin::idl::build_idl(&parts);
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/idl/perp_margin.json"))
        .expect("idl/perp_margin.json is committed");
    assert!(generated == committed, "idl/perp_margin.json is out of date: run `npm run idl`");
    let idl: Value = serde_json::from_str(&generated).expect("IDL is valid JSON");
    assert_eq!(idl["address"], perp_margin::PROGRAM_ID_STR);

    println!("--- IDL begin address ---");
    println!("{}", perp_margin::PROGRAM_ID_STR);
    println!("--- IDL end address ---");

    // Anchor replaces the program section's events and errors by the ones printed in their own
    // sections, so they are printed there too; their types are already in the program's `types`.
    let events = idl["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for event in events {
        println!("--- IDL begin event ---");
        println!("{}", serde_json::to_string_pretty(&json!({ "event": event, "types": [] })).unwrap());
        println!("--- IDL end event ---");
    }
    let errors = idl["errors"].as_array().expect("errors");
    assert!(!errors.is_empty());
    println!("--- IDL begin errors ---");
    println!("{}", serde_json::to_string_pretty(errors).unwrap());
    println!("--- IDL end errors ---");

    println!("--- IDL begin program ---");
    println!("{}", serde_json::to_string_pretty(&idl).unwrap());
    println!("--- IDL end program ---");
}
