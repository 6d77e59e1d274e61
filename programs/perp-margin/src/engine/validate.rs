//! Account validation shared by the handlers: owner/type via `state::load*`, then PDA seeds and
//! relations (`market.exchange == exchange`, `market.oracle == oracle`, …), in that order.

use crate::error::{PerpError, PerpResult};
use crate::state::{
    backstop::BackstopRegistry, exchange::Exchange, load, load_mut, margin_account::MarginAccount,
    market::Market, order_book::OrderBook,
};
use pinocchio::{AccountView, Address};

/// Checks that `view` is the PDA of `seeds` + `bump` under this program.
#[inline(always)]
pub fn check_pda<const N: usize>(view: &AccountView, seeds: &[&[u8]; N], bump: u8) -> PerpResult {
    let expected = Address::derive_address(seeds, Some(bump), &crate::ID);
    require!(view.address() == &expected, PerpError::WrongPda);
    Ok(())
}

/// Finds the canonical bump for `seeds` and checks that `view` is that PDA (account creation).
#[inline(always)]
pub fn find_pda<const N: usize>(view: &AccountView, seeds: &[&[u8]; N]) -> PerpResult<u8> {
    let (expected, bump) = Address::find_program_address(seeds, &crate::ID);
    require!(view.address() == &expected, PerpError::WrongPda);
    Ok(bump)
}

/// Loads the exchange for writing.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn exchange_mut(view: &AccountView) -> PerpResult<&mut Exchange> {
    load_mut::<Exchange>(view)
}

/// Loads a margin account of `exchange` for writing.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn margin_account_mut<'a>(
    view: &'a AccountView,
    exchange: &Address,
) -> PerpResult<&'a mut MarginAccount> {
    let a = load_mut::<MarginAccount>(view)?;
    require!(&a.exchange == exchange, PerpError::WrongExchange);
    Ok(a)
}

/// Loads a margin account of `exchange` owned by `owner` (a signer) for writing.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn owned_margin_account_mut<'a>(
    view: &'a AccountView,
    exchange: &Address,
    owner: &AccountView,
) -> PerpResult<&'a mut MarginAccount> {
    let a = margin_account_mut(view, exchange)?;
    require!(&a.owner == owner.address(), PerpError::NotAccountOwner);
    Ok(a)
}

/// Loads a market of `exchange` for writing.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn market_mut<'a>(view: &'a AccountView, exchange: &Address) -> PerpResult<&'a mut Market> {
    let m = load_mut::<Market>(view)?;
    require!(&m.exchange == exchange, PerpError::WrongExchange);
    Ok(m)
}

/// Loads a market of `exchange` read-only.
#[inline(always)]
pub fn market<'a>(view: &'a AccountView, exchange: &Address) -> PerpResult<&'a Market> {
    let m = load::<Market>(view)?;
    require!(&m.exchange == exchange, PerpError::WrongExchange);
    Ok(m)
}

/// Loads the market's order book for writing.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn book_mut<'a>(view: &'a AccountView, market: &Market) -> PerpResult<&'a mut OrderBook> {
    require!(view.address() == &market.order_book, PerpError::WrongMarket);
    load_mut::<OrderBook>(view)
}

/// Loads the market's order book read-only.
#[inline(always)]
pub fn book<'a>(view: &'a AccountView, market: &Market) -> PerpResult<&'a OrderBook> {
    require!(view.address() == &market.order_book, PerpError::WrongMarket);
    load::<OrderBook>(view)
}

/// Reads the market's oracle (program feed or Pyth), checked and converted to native per lot.
#[inline(always)]
pub fn oracle(view: &AccountView, market: &Market) -> PerpResult<crate::engine::oracle::OracleReading> {
    crate::engine::oracle::read(view, market)
}

/// The exchange admin must have signed.
#[inline(always)]
pub fn check_admin(ex: &Exchange, admin: &AccountView) -> PerpResult {
    require!(&ex.admin == admin.address(), PerpError::NotAdmin);
    Ok(())
}

/// The exchange's backstop registry (read-only).
#[inline(always)]
pub fn registry<'a>(view: &'a AccountView, exchange: &Address) -> PerpResult<&'a BackstopRegistry> {
    let reg = load::<BackstopRegistry>(view)?;
    require!(&reg.exchange == exchange, PerpError::WrongExchange);
    Ok(reg)
}

/// The account passed must be the exchange's vault.
#[inline(always)]
pub fn check_vault(ex: &Exchange, vault: &AccountView) -> PerpResult {
    require!(vault.address() == &ex.vault, PerpError::WrongVault);
    Ok(())
}

/// The account passed must be the exchange's insurance vault.
#[inline(always)]
pub fn check_insurance_vault(ex: &Exchange, vault: &AccountView) -> PerpResult {
    require!(vault.address() == &ex.insurance_vault, PerpError::WrongVault);
    Ok(())
}

/// The token program passed must be SPL Token.
#[inline(always)]
pub fn check_token_program(p: &AccountView) -> PerpResult {
    require!(p.address() == &crate::cpi::TOKEN_PROGRAM_ID, PerpError::WrongProgram);
    Ok(())
}

/// The system program passed must be the system program.
#[inline(always)]
pub fn check_system_program(p: &AccountView) -> PerpResult {
    require!(p.address() == &crate::cpi::SYSTEM_PROGRAM_ID, PerpError::WrongProgram);
    Ok(())
}
