//! perp-margin: a perpetual-futures margin program whose whole risk engine — liquidation,
//! backstop, insurance fund, bankruptcy, auto-deleveraging — runs on-chain, evented and checkable.
//!
//! Layers (see docs/architecture.md):
//! - `math/`: pure integer math (health, PnL, funding, fees, liquidation sizing, ADL ranking,
//!   128-bit helpers for the upstream BPF backend). Host-tested; mirrored in TypeScript.
//! - `state/`: zero-copy accounts; methods change only their own account.
//! - `engine/`: orchestration — validation, oracle guards, lazy settlement, matching, waterfall
//!   steps, the solvency check.
//! - `instructions/`: one handler per file; accounts and arguments declared with macros that also
//!   produce the Anchor IDL.
//!
//! Built with pinocchio for `bpfel-unknown-none` (Debian rustc + sbpf-linker), exposing Anchor's
//! interface: 8-byte sha256 discriminators and an IDL generated from this source.

#![cfg_attr(not(test), no_std)]
#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
extern crate std;

#[macro_use]
mod macros;
pub mod cpi;
pub mod discriminator;
pub mod engine;
pub mod error;
pub mod events;
#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
pub mod idl;
pub mod instructions;
pub mod math;
pub mod state;

use pinocchio::{error::ProgramError, AccountView, Address, ProgramResult};

/// Program id, base58.
pub const PROGRAM_ID_STR: &str = "HFYMGdMwfogTWc9RPKWHpARuEr4d7e6krmHJhS7mjB71";
/// Program id.
pub const ID: Address = Address::from_str_const(PROGRAM_ID_STR);

#[cfg(any(target_arch = "bpf", target_os = "solana"))]
mod entrypoint {
    pinocchio::program_entrypoint!(super::process_instruction);
    pinocchio::no_allocator!();

    /// Logs a fixed message and aborts. It never reads `PanicInfo`: the location and message hold
    /// pointers that sbpf-linker 0.1.9 cannot relocate (see docs/toolchain.md).
    #[panic_handler]
    fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
        const MSG: &[u8] = b"perp-margin: panic";
        // SAFETY: `sol_log_` reads `MSG.len()` bytes of a static; `abort` never returns.
        unsafe {
            pinocchio::syscalls::sol_log_(MSG.as_ptr(), MSG.len() as u64);
            pinocchio::syscalls::abort()
        }
    }
}

/// Entry: routes by the 8-byte discriminator. Data starting with Anchor's event tag is a self-CPI
/// event record: accepted only when signed by the event-authority PDA, and otherwise a no-op.
pub fn process_instruction(
    _program_id: &Address,
    accounts: &mut [AccountView],
    data: &[u8],
) -> ProgramResult {
    require!(data.len() >= 8, error::PerpError::InvalidInstructionData.into());
    let mut d = [0u8; 8];
    d.copy_from_slice(&data[..8]);
    if d == discriminator::EVENT_IX_TAG {
        return match accounts.first() {
            Some(a) if a.address() == &events::EVENT_AUTHORITY && a.is_signer() => Ok(()),
            _ => Err(ProgramError::from(error::PerpError::WrongEventAuthority)),
        };
    }
    events::begin();
    instructions::dispatch(u64::from_le_bytes(d), accounts, data).map_err(ProgramError::from)?;
    // The instruction succeeded: its events go out in one (or, past 10 KiB, a few) self-CPI.
    events::flush().map_err(ProgramError::from)
}

/// Everything the IDL lists, gathered from the declarations.
#[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
pub fn idl_parts() -> idl::Parts {
    use idl::IdlStruct;
    let mut registry = idl::Registry::default();
    let instructions = instructions::idl(&mut registry);
    state::exchange::Exchange::register(&mut registry);
    state::market::Market::register(&mut registry);
    state::order_book::OrderBook::register(&mut registry);
    state::margin_account::MarginAccount::register(&mut registry);
    state::price_feed::PriceFeed::register(&mut registry);
    state::backstop::BackstopRegistry::register(&mut registry);
    let accounts =
        std::vec!["Exchange", "Market", "OrderBook", "MarginAccount", "PriceFeed", "BackstopRegistry"];
    let events = events::register_all(&mut registry);
    idl::Parts { instructions, accounts, events, registry }
}
