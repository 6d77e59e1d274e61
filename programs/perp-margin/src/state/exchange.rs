//! `Exchange`: the venue's root account — admin, collateral, vaults, policies and the global ledger
//! totals the solvency check runs on.
//!
//! Seeds: `["exchange", exchange_id (u16 LE)]`.
//!
//! Solvency identity, checked after every value-moving instruction:
//! `vault balance + bad_debt == total_cash − total_deficit + fee_pool + pending_settlement` and
//! `insurance vault balance == insurance`.

use crate::account_type;
use pinocchio::Address;

/// How a deposit into an account with an unresolved deficit is treated.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DepositPolicy {
    /// Default: the deposit is rejected until `resolve_bankruptcy` has run. No deposit ever pays
    /// an old deficit.
    CreditFirst = 0,
    /// Backpack model, opt-in per exchange: the deposit repays at most the `max_debt_repayment`
    /// the user signed; the rest is credited. Non-recourse: never more than the deficit.
    RepayDebtFirst = 1,
}

impl DepositPolicy {
    pub fn from_u8(v: u8) -> Option<Self> {
        match v {
            0 => Some(DepositPolicy::CreditFirst),
            1 => Some(DepositPolicy::RepayDebtFirst),
            _ => None,
        }
    }
}

/// `Exchange::paused` bits.
pub mod pause {
    /// Deposits rejected.
    pub const DEPOSITS: u8 = 1;
    /// Withdrawals rejected.
    pub const WITHDRAWALS: u8 = 2;
    /// New orders rejected (cancels and liquidations still run).
    pub const TRADING: u8 = 4;
}

layout! {
    /// Root account of one exchange.
    pub struct Exchange {
        /// Admin: creates markets, sets policies, manages the insurance fund.
        pub admin: Address,
        /// Collateral SPL mint (USDC-like, 6 decimals).
        pub collateral_mint: Address,
        /// Token account (PDA `["vault", exchange]`) holding all traders' collateral and the fee pool.
        pub vault: Address,
        /// Token account (PDA `["insurance", exchange]`) holding the insurance fund.
        pub insurance_vault: Address,
        /// Exchange id used in the PDA seeds.
        pub exchange_id: u16,
        /// PDA bump of this account.
        pub bump: u8,
        /// PDA bump of the vault.
        pub vault_bump: u8,
        /// PDA bump of the insurance vault.
        pub insurance_vault_bump: u8,
        /// `DepositPolicy`: 0 = CreditFirst, 1 = RepayDebtFirst.
        pub deposit_policy: u8,
        /// Pause bits: 1 deposits, 2 withdrawals, 4 trading.
        pub paused: u8,
        /// Collateral mint decimals.
        pub collateral_decimals: u8,
        /// Number of markets created (next market index).
        pub market_count: u16,
        /// Reserved.
        pub _pad0: [u8; 6],
        /// Σ cash of all margin accounts, native (signed: longs carry negative cash).
        pub total_cash_native: i64,
        /// Σ unresolved deficits of bankrupt accounts, native.
        pub total_deficit_native: u64,
        /// Trading fees collected and not yet swept to the insurance fund, native.
        pub fee_pool_native: u64,
        /// Funding and social loss settled by some accounts and not yet by their counterparties,
        /// native (signed; the lazily-settled side of zero-sum flows).
        pub pending_settlement_native: i64,
        /// Insurance fund balance, native (mirrors the insurance vault).
        pub insurance_native: u64,
        /// Cumulative deficit written off with no one left to absorb it, native.
        pub bad_debt_native: u64,
        /// Cumulative deficit spread over opposite-side positions, native.
        pub socialized_loss_native: u64,
        /// Cumulative insurance paid to cover deficits, native.
        pub insurance_paid_native: u64,
        /// Unsolicited tokens in the trading vault (above every liability), native: surplus, swept
        /// into the insurance fund by `sweep_surplus`. The solvency rule holds it exactly.
        pub vault_surplus_native: u64,
        /// Unsolicited tokens in the insurance vault (above the fund), native.
        pub insurance_surplus_native: u64,
        /// Cumulative surplus swept into the insurance fund, native.
        pub surplus_swept_native: u64,
        /// Insurance reserved by ADL steps for accounts still being closed, native (≤ insurance):
        /// counted once, by the account that reserved it.
        pub insurance_reserved_native: u64,
        /// Σ negative equity of accounts marked underwater (`mark_underwater`), native.
        pub underwater_native: u64,
        /// Accounts currently marked underwater.
        pub underwater_count: u64,
        /// Least capacity a backstop must commit to register, native (so the registry cannot be
        /// filled for the price of rent).
        pub min_backstop_capacity_native: u64,
        /// Insurance reserved by ADL steps, per market index (Σ = `insurance_reserved_native`):
        /// a market's cap counts its reservations. Kept here so a reservation can be released by
        /// whichever instruction sees its account recover, and moved with the account's deficit.
        pub market_insurance_reserved_native: [u64; 64],
        /// Delay between an insurance withdrawal request and its execution, slots.
        pub insurance_withdraw_delay_slots: u64,
        /// Pending insurance withdrawal amount, native (0 = none).
        pub insurance_withdraw_request_native: u64,
        /// Slot of the pending insurance withdrawal request.
        pub insurance_withdraw_request_slot: u64,
        /// Sequence number of the next event (global, contiguous).
        pub event_seq: u64,
        /// Margin accounts created.
        pub margin_account_count: u64,
        /// Reserved for upgrades.
        pub _reserved: [u64; 8],
    }
}
account_type!(Exchange);

impl Exchange {
    pub const SEED: &'static [u8] = b"exchange";
    pub const VAULT_SEED: &'static [u8] = b"vault";
    pub const INSURANCE_SEED: &'static [u8] = b"insurance";

    /// Takes the next event sequence number.
    #[inline(always)]
    pub fn next_seq(&mut self) -> u64 {
        let s = self.event_seq;
        self.event_seq = s.wrapping_add(1);
        s
    }

    /// Insurance not reserved by an ADL step, native.
    #[inline(always)]
    pub fn insurance_unreserved(&self) -> u64 {
        self.insurance_native.saturating_sub(self.insurance_reserved_native)
    }

    /// The right-hand side of the solvency identity minus bad debt: what the vault must hold.
    #[inline(always)]
    pub fn required_vault_native(&self) -> Option<i128> {
        i128::from(self.total_cash_native)
            .checked_sub(i128::from(self.total_deficit_native))?
            .checked_add(i128::from(self.fee_pool_native))?
            .checked_add(i128::from(self.pending_settlement_native))?
            .checked_sub(i128::from(self.bad_debt_native))
    }
}
