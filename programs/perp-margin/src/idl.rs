//! Host-only: builds the Anchor IDL (spec 0.1.0) and a field-offset table from the Rust
//! declarations themselves (`layout!`, `packed_layout!`, `instruction_accounts!`, the instruction
//! table and the error enum).
//!
//! `cargo test` compares the result with the committed `idl/perp_margin.json` and
//! `idl/layouts.json` and fails on any difference, so a layout, instruction or error cannot change
//! without the IDL changing with it. `npm run idl` rewrites both files.

use std::fmt::Write as _;
use std::format;
use std::string::ToString;

use std::string::String;
use std::vec::Vec;

/// An IDL type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `u8`, `i64`, `pubkey`, …
    Prim(&'static str),
    /// Fixed-size array.
    Array(std::boxed::Box<Ty>, usize),
    /// A named struct declared in `types`.
    Defined(&'static str),
}

impl Ty {
    fn json(&self) -> String {
        match self {
            Ty::Prim(p) => format!("\"{p}\""),
            Ty::Array(t, n) => format!("{{\"array\":[{},{n}]}}", t.json()),
            Ty::Defined(n) => format!("{{\"defined\":{{\"name\":\"{n}\"}}}}"),
        }
    }
}

/// A Rust type with an IDL representation.
pub trait IdlTyped {
    fn idl_type() -> Ty;
    /// Registers named types this type refers to.
    fn register_nested(_reg: &mut Registry) {}
}

macro_rules! prim {
    ($($t:ty => $n:literal),*) => { $(impl IdlTyped for $t { fn idl_type() -> Ty { Ty::Prim($n) } })* };
}
prim!(u8 => "u8", u16 => "u16", u32 => "u32", u64 => "u64", i8 => "i8", i16 => "i16", i32 => "i32", i64 => "i64",
      pinocchio::Address => "pubkey");

impl<T: IdlTyped, const N: usize> IdlTyped for [T; N] {
    fn idl_type() -> Ty {
        Ty::Array(std::boxed::Box::new(T::idl_type()), N)
    }
    fn register_nested(reg: &mut Registry) {
        T::register_nested(reg)
    }
}

/// One field of a declared struct.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub docs: Vec<&'static str>,
    /// Byte offset inside the struct (account bodies start 8 bytes into the account data).
    pub offset: usize,
    pub size: usize,
}

/// A struct declared with `layout!` / `packed_layout!`.
pub trait IdlStruct {
    const NAME: &'static str;
    /// `repr(C, packed)` (arguments, events) rather than aligned `repr(C)` (accounts).
    const PACKED: bool;
    fn docs() -> Vec<&'static str>;
    fn fields() -> Vec<Field>;
    /// Registers the named types its fields use.
    fn register_fields(reg: &mut Registry);
    /// Registers its field types, then itself.
    fn register(reg: &mut Registry)
    where
        Self: Sized,
    {
        Self::register_fields(reg);
        reg.insert::<Self>();
    }
}

/// Named types in declaration order.
#[derive(Default)]
pub struct Registry {
    pub types: Vec<(&'static str, Vec<&'static str>, Vec<Field>, bool)>,
}

impl Registry {
    /// Adds `T` unless present; returns whether it was added.
    pub fn insert<T: IdlStruct + Sized>(&mut self) -> bool {
        if self.types.iter().any(|t| t.0 == T::NAME) {
            return false;
        }
        self.types.push((T::NAME, T::docs(), T::fields(), T::PACKED));
        true
    }
}

/// An instruction account in the IDL.
#[derive(Clone, Debug)]
pub struct AccountMeta {
    pub name: &'static str,
    pub writable: bool,
    pub signer: bool,
    pub docs: Vec<&'static str>,
}

impl AccountMeta {
    pub fn new(name: &'static str, role: &'static str, docs: Vec<&'static str>) -> Self {
        let (writable, signer) = match role {
            "signer" => (false, true),
            "writable" => (true, false),
            "writable_signer" => (true, true),
            _ => (false, false),
        };
        AccountMeta { name, writable, signer, docs }
    }
}

/// One instruction in the IDL.
pub struct Instruction {
    pub name: &'static str,
    pub docs: Vec<&'static str>,
    pub accounts: Vec<AccountMeta>,
    pub args: Vec<Field>,
}

fn esc(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o
}

fn docs_json(d: &[&str]) -> String {
    let items: Vec<String> = d.iter().filter(|s| !s.is_empty()).map(|s| format!("\"{}\"", esc(s))).collect();
    format!("[{}]", items.join(","))
}

fn disc_json(d: [u8; 8]) -> String {
    format!("[{}]", d.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","))
}

fn fields_json(fields: &[Field], indent: &str) -> String {
    let items: Vec<String> = fields
        .iter()
        .map(|f| {
            let docs =
                if f.docs.is_empty() { String::new() } else { format!("\"docs\":{},", docs_json(&f.docs)) };
            format!("{indent}{{\"name\":\"{}\",{docs}\"type\":{}}}", f.name, f.ty.json())
        })
        .collect();
    items.join(",\n")
}

/// Everything the IDL lists, gathered by `crate::instructions::idl_parts`.
pub struct Parts {
    pub instructions: Vec<Instruction>,
    /// (account type name) — bodies are registered as types.
    pub accounts: Vec<&'static str>,
    pub events: Vec<&'static str>,
    pub registry: Registry,
}

/// The IDL JSON text, pretty enough to diff.
pub fn build_idl(parts: &Parts) -> String {
    let mut o = String::new();
    o.push_str("{\n");
    let _ = writeln!(o, "  \"address\": \"{}\",", crate::PROGRAM_ID_STR);
    o.push_str("  \"metadata\": {\"name\": \"perp_margin\", \"version\": \"0.1.0\", \"spec\": \"0.1.0\", \"description\": \"Perpetual-futures margin program with an on-chain liquidation waterfall (generated from the Rust source by `npm run idl`; do not edit)\"},\n");
    o.push_str("  \"instructions\": [\n");
    let ixs: Vec<String> = parts
        .instructions
        .iter()
        .map(|ix| {
            let accs: Vec<String> = ix
                .accounts
                .iter()
                .map(|a| {
                    let mut s = format!("        {{\"name\":\"{}\"", a.name);
                    if a.writable {
                        s.push_str(",\"writable\":true");
                    }
                    if a.signer {
                        s.push_str(",\"signer\":true");
                    }
                    if !a.docs.is_empty() {
                        let _ = write!(s, ",\"docs\":{}", docs_json(&a.docs));
                    }
                    s.push('}');
                    s
                })
                .collect();
            format!(
                "    {{\n      \"name\": \"{}\",\n      \"docs\": {},\n      \"discriminator\": {},\n      \"accounts\": [\n{}\n      ],\n      \"args\": [\n{}\n      ]\n    }}",
                ix.name,
                docs_json(&ix.docs),
                disc_json(crate::discriminator::sighash("global:", ix.name)),
                accs.join(",\n"),
                fields_json(&ix.args, "        ")
            )
        })
        .collect();
    o.push_str(&ixs.join(",\n"));
    o.push_str("\n  ],\n  \"accounts\": [\n");
    let accs: Vec<String> = parts
        .accounts
        .iter()
        .map(|n| {
            format!(
                "    {{\"name\": \"{n}\", \"discriminator\": {}}}",
                disc_json(crate::discriminator::sighash("account:", n))
            )
        })
        .collect();
    o.push_str(&accs.join(",\n"));
    o.push_str("\n  ],\n  \"events\": [\n");
    let evs: Vec<String> = parts
        .events
        .iter()
        .map(|n| {
            format!(
                "    {{\"name\": \"{n}\", \"discriminator\": {}}}",
                disc_json(crate::discriminator::sighash("event:", n))
            )
        })
        .collect();
    o.push_str(&evs.join(",\n"));
    o.push_str("\n  ],\n  \"errors\": [\n");
    let errs: Vec<String> = crate::error::PerpError::ALL
        .iter()
        .map(|(c, n, m)| format!("    {{\"code\": {c}, \"name\": \"{n}\", \"msg\": \"{}\"}}", esc(m)))
        .collect();
    o.push_str(&errs.join(",\n"));
    o.push_str("\n  ],\n  \"types\": [\n");
    let tys: Vec<String> = parts
        .registry
        .types
        .iter()
        .map(|(name, docs, fields, packed)| {
            let repr = if *packed { "{\"kind\": \"c\", \"packed\": true}" } else { "{\"kind\": \"c\"}" };
            format!(
                "    {{\n      \"name\": \"{name}\",\n      \"docs\": {},\n      \"serialization\": \"bytemuck\",\n      \"repr\": {repr},\n      \"type\": {{\"kind\": \"struct\", \"fields\": [\n{}\n      ]}}\n    }}",
                docs_json(docs),
                fields_json(fields, "        ")
            )
        })
        .collect();
    o.push_str(&tys.join(",\n"));
    o.push_str("\n  ]\n}\n");
    o
}

/// `{ "TypeName": { "size": n, "fields": { "field": [offset, size], … } } }` for every named type:
/// what the TypeScript layout test compares against Anchor's decoder.
pub fn build_layouts(parts: &Parts) -> String {
    let mut o = String::from("{\n");
    let items: Vec<String> = parts
        .registry
        .types
        .iter()
        .map(|(name, _, fields, _)| {
            let size: usize = fields.iter().map(|f| f.size).sum();
            let fs: Vec<String> =
                fields.iter().map(|f| format!("\"{}\": [{}, {}]", f.name, f.offset, f.size)).collect();
            format!("  \"{name}\": {{\"size\": {size}, \"fields\": {{{}}}}}", fs.join(", "))
        })
        .collect();
    o.push_str(&items.join(",\n"));
    o.push_str("\n}\n");
    o
}
