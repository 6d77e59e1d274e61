//! Calls into the system and SPL Token programs.
//!
//! Only classic SPL Token is accepted for the collateral: Token-2022 transfer fees or hooks would
//! make a deposit credit more than the vault receives and break exact conservation.

use crate::error::{PerpError, PerpResult};
use pinocchio::cpi::{Seed, Signer};
use pinocchio::sysvars::{rent::Rent, Sysvar};
use pinocchio::{AccountView, Address};

/// SPL Token program id.
pub const TOKEN_PROGRAM_ID: Address = pinocchio_token::ID;
/// System program id.
pub const SYSTEM_PROGRAM_ID: Address = pinocchio_system::ID;
/// SPL token account size.
pub const TOKEN_ACCOUNT_LEN: usize = 165;
/// SPL mint size.
pub const MINT_LEN: usize = 82;

/// Creates a program-derived account owned by `owner`, rent-exempt, signed by the PDA's seeds.
/// (Seeds by array reference: upstream BPF passes at most 5 registers, a slice takes two.)
#[inline(never)]
pub fn create_pda_account<const N: usize>(
    payer: &AccountView,
    account: &AccountView,
    space: usize,
    owner: &Address,
    seeds: &[Seed; N],
) -> PerpResult {
    require!(account.lamports() == 0 && account.is_data_empty(), PerpError::AlreadyInitialized);
    let rent = Rent::get().map_err(|_| PerpError::InvalidConfig)?;
    let lamports = rent.try_minimum_balance(space).map_err(|_| PerpError::MathOverflow)?;
    let signer = Signer::from(&seeds[..]);
    pinocchio_system::instructions::CreateAccount {
        from: payer,
        to: account,
        lamports,
        space: space as u64,
        owner,
    }
    .invoke_signed(&[signer])
    .map_err(|_| PerpError::AlreadyInitialized)
}

/// Initializes `account` as a token account of `mint` owned by `authority` (InitializeAccount3).
#[inline(never)]
pub fn init_token_account(account: &AccountView, mint: &AccountView, authority: &Address) -> PerpResult {
    pinocchio_token::instructions::InitializeAccount3::new(account, mint, authority)
        .invoke()
        .map_err(|_| PerpError::WrongMint)
}

/// Transfers `amount` from a token account whose authority is a wallet that signed.
#[inline(never)]
pub fn transfer_from_user(
    from: &AccountView,
    to: &AccountView,
    authority: &AccountView,
    amount: u64,
) -> PerpResult {
    pinocchio_token::instructions::Transfer::new(from, to, authority, amount)
        .invoke()
        .map_err(|_| PerpError::InsufficientCollateral)
}

/// Transfers `amount` out of a vault whose authority is the exchange PDA.
#[inline(never)]
pub fn transfer_from_vault(
    from: &AccountView,
    to: &AccountView,
    exchange: &AccountView,
    amount: u64,
    exchange_seeds: &[Seed],
) -> PerpResult {
    let signer = Signer::from(exchange_seeds);
    pinocchio_token::instructions::Transfer::new(from, to, exchange, amount)
        .invoke_signed(&[signer])
        .map_err(|_| PerpError::InsufficientCollateral)
}

/// A token account's (mint, owner, amount) after checking it is an initialized SPL token account.
#[inline(always)]
pub fn read_token_account(view: &AccountView) -> PerpResult<(Address, Address, u64)> {
    require!(view.owned_by(&TOKEN_PROGRAM_ID), PerpError::WrongAccountOwner);
    require!(view.data_len() == TOKEN_ACCOUNT_LEN, PerpError::WrongAccountSize);
    // SAFETY: length checked; the token account layout is mint(32) owner(32) amount(8) …
    let d = unsafe { core::slice::from_raw_parts(view.data_ptr(), TOKEN_ACCOUNT_LEN) };
    let mut mint = [0u8; 32];
    mint.copy_from_slice(&d[0..32]);
    let mut owner = [0u8; 32];
    owner.copy_from_slice(&d[32..64]);
    let amount = u64::from_le_bytes([d[64], d[65], d[66], d[67], d[68], d[69], d[70], d[71]]);
    Ok((Address::new_from_array(mint), Address::new_from_array(owner), amount))
}

/// Checks a user's source token account before a transfer, so a failure is this program's specific
/// error rather than the token program's (a failed CPI aborts the whole transaction).
#[inline(always)]
pub fn check_source_token(
    view: &AccountView,
    mint: &Address,
    authority: &AccountView,
    amount: u64,
) -> PerpResult {
    let (m, owner, balance) = read_token_account(view)?;
    require!(&m == mint, PerpError::WrongMint);
    require!(&owner == authority.address(), PerpError::TokenAccountOwnerMismatch);
    require!(balance >= amount, PerpError::InsufficientTokenBalance);
    Ok(())
}

/// Decimals of an SPL mint after checking its owner and size.
#[inline(always)]
pub fn read_mint_decimals(view: &AccountView) -> PerpResult<u8> {
    require!(view.owned_by(&TOKEN_PROGRAM_ID), PerpError::WrongMint);
    require!(view.data_len() == MINT_LEN, PerpError::WrongMint);
    // SAFETY: length checked; decimals is byte 44, is_initialized byte 45.
    let d = unsafe { core::slice::from_raw_parts(view.data_ptr(), MINT_LEN) };
    require!(d[45] == 1, PerpError::WrongMint);
    Ok(d[44])
}
