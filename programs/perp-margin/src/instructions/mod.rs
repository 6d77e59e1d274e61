//! Instruction handlers, one file each: the accounts (`instruction_accounts!`), the arguments
//! (`packed_layout!`) and `process`, which validates accounts first (signer → writable →
//! owner/type → PDA seeds → relations), then orchestrates the engine.
//!
//! The table below is the single list of instructions: it defines each discriminator
//! (`sha256("global:<name>")[..8]`), the dispatch, and the IDL's `instructions` section.

use crate::error::{PerpError, PerpResult};
use crate::state::Pod;
use pinocchio::AccountView;

pub mod auto_deleverage;
pub mod backstop_liquidate;
pub mod cancel_order;
pub mod create_margin_account;
pub mod create_market;
pub mod create_price_feed;
pub mod deposit;
pub mod initialize_exchange;
pub mod insurance;
pub mod liquidate;
pub mod mark_underwater;
pub mod place_order;
pub mod register_backstop;
pub mod resolve_bankruptcy;
pub mod set_exchange_config;
pub mod set_market_status;
pub mod socialize_loss;
pub mod update_funding;
pub mod update_price;
pub mod withdraw;

/// Copies the argument block out of the instruction data (exact length required).
#[inline(always)]
pub fn parse_args<A: Pod>(data: &[u8]) -> PerpResult<A> {
    require!(data.len() == core::mem::size_of::<A>().saturating_add(8), PerpError::InvalidInstructionData);
    // SAFETY: length checked; `A: Pod` is packed/padding-free and valid for any bytes, read
    // unaligned because instruction data has no alignment guarantee.
    Ok(unsafe { core::ptr::read_unaligned(data.as_ptr().add(8) as *const A) })
}

macro_rules! instructions {
    ($( $(#[doc = $doc:literal])* $name:ident => $module:ident :: $process:ident ($accounts:ident, $args:ident); )*) => {
        /// Instruction discriminators as little-endian `u64`.
        #[allow(non_upper_case_globals)]
        pub mod disc {
            $( pub const $name: u64 = crate::discriminator::sighash_u64("global:", stringify!($name)); )*
        }

        /// Routes by discriminator.
        #[inline(always)]
        pub fn dispatch(d: u64, accounts: &[AccountView], data: &[u8]) -> PerpResult {
            $(
                if d == disc::$name {
                    let args = parse_args::<$module::$args>(data)?;
                    return $module::$process(accounts, &args);
                }
            )*
            Err(PerpError::UnknownInstruction)
        }

        /// The IDL's instructions, with their accounts and arguments.
        #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
        pub fn idl(reg: &mut crate::idl::Registry) -> std::vec::Vec<crate::idl::Instruction> {
            std::vec![ $( {
                <$module::$args as crate::idl::IdlStruct>::register_fields(reg);
                crate::idl::Instruction {
                    name: stringify!($name),
                    docs: std::vec![$($doc.trim()),*],
                    accounts: $module::$accounts::idl(),
                    args: <$module::$args as crate::idl::IdlStruct>::fields(),
                }
            }, )* ]
        }
    };
}

instructions! {
    /// Creates an exchange: its PDA, the collateral vault and insurance vault, and the backstop registry.
    initialize_exchange => initialize_exchange::process(InitializeExchangeAccounts, InitializeExchangeArgs);
    /// Admin: sets the deposit policy and pause bits.
    set_exchange_config => set_exchange_config::process(SetExchangeConfigAccounts, SetExchangeConfigArgs);
    /// Admin: sets a market to active, reduce-only or halted.
    set_market_status => set_market_status::process(SetMarketStatusAccounts, SetMarketStatusArgs);
    /// Admin: creates a program-owned price feed (localnet / tests oracle).
    create_price_feed => create_price_feed::process(CreatePriceFeedAccounts, CreatePriceFeedArgs);
    /// Feed authority: publishes a price and confidence at the current slot.
    update_price => update_price::process(UpdatePriceAccounts, UpdatePriceArgs);
    /// Admin: creates a perp market and its order book.
    create_market => create_market::process(CreateMarketAccounts, CreateMarketArgs);
    /// Opens a margin account for the signer.
    create_margin_account => create_margin_account::process(CreateMarginAccountAccounts, CreateMarginAccountArgs);
    /// Deposits collateral, following the exchange's deposit policy for accounts with a deficit.
    deposit => deposit::process(DepositAccounts, DepositArgs);
    /// Withdraws collateral, keeping equity ≥ initial margin.
    withdraw => withdraw::process(WithdrawAccounts, WithdrawArgs);
    /// Places an order (limit, post-only or IOC; optionally reduce-only), matching makers passed in.
    place_order => place_order::process(PlaceOrderAccounts, PlaceOrderArgs);
    /// Cancels one resting order of the signer's account.
    cancel_order => cancel_order::process(CancelOrderAccounts, CancelOrderArgs);
    /// Cancels every resting order of the signer's account in a market.
    cancel_all_orders => cancel_order::process_all(CancelOrderAccounts, CancelAllArgs);
    /// Permissionless crank: accrues funding into the market index.
    update_funding => update_funding::process(UpdateFundingAccounts, UpdateFundingArgs);
    /// Waterfall stage 1: cancels the account's orders and closes part of its position on the book.
    liquidate => liquidate::process(LiquidateAccounts, LiquidateArgs);
    /// Waterfall stage 2: a registered backstop takes over once the book inside the band is exhausted.
    backstop_liquidate => backstop_liquidate::process(BackstopLiquidateAccounts, BackstopLiquidateArgs);
    /// Waterfall stage 3: the insurance fund pays a position-free account's deficit.
    resolve_bankruptcy => resolve_bankruptcy::process(ResolveBankruptcyAccounts, ResolveBankruptcyArgs);
    /// Waterfall stage 4: closes a bankrupt position against ranked counterparties at the bankruptcy price.
    auto_deleverage => auto_deleverage::process(AutoDeleverageAccounts, AutoDeleverageArgs);
    /// Waterfall stage 5: spreads a deficit the fund cannot cover over the profiting side, or books bad debt.
    socialize_loss => socialize_loss::process(SocializeLossAccounts, SocializeLossArgs);
    /// A margin account's owner opts in (or updates its markets) as a backstop liquidator.
    register_backstop => register_backstop::process(RegisterBackstopAccounts, RegisterBackstopArgs);
    /// A backstop leaves the registry.
    deregister_backstop => register_backstop::process_deregister(RegisterBackstopAccounts, DeregisterBackstopArgs);
    /// Permissionless: removes a backstop that no longer holds its committed capacity (or went bankrupt).
    evict_backstop => register_backstop::process_evict(EvictBackstopAccounts, EvictBackstopArgs);
    /// Admin: removes a backstop from the registry.
    remove_backstop => register_backstop::process_remove(EvictBackstopAccounts, DeregisterBackstopArgs);
    /// Anyone adds collateral to the insurance fund.
    deposit_insurance => insurance::process_deposit_insurance(DepositInsuranceAccounts, InsuranceAmountArgs);
    /// Permissionless: moves the fee pool into the insurance fund.
    sweep_fees => insurance::process_sweep_fees(SweepFeesAccounts, SweepFeesArgs);
    /// Admin: requests an insurance withdrawal (executable after the delay).
    request_insurance_withdrawal => insurance::process_request_insurance_withdrawal(RequestInsuranceWithdrawalAccounts, InsuranceAmountArgs);
    /// Permissionless: moves unsolicited tokens in either vault (surplus over liabilities) into the insurance fund.
    sweep_surplus => insurance::process_sweep_surplus(SweepFeesAccounts, SweepSurplusArgs);
    /// Permissionless: unreserved insurance pays uncovered bad debt back into the trading vault.
    cover_bad_debt => insurance::process_cover_bad_debt(SweepFeesAccounts, CoverBadDebtArgs);
    /// Permissionless: records (or clears) the negative equity of an account no stage can progress yet.
    mark_underwater => mark_underwater::process(MarkUnderwaterAccounts, MarkUnderwaterArgs);
    /// Admin: executes a requested insurance withdrawal after the delay.
    execute_insurance_withdrawal => insurance::process_execute_insurance_withdrawal(ExecuteInsuranceWithdrawalAccounts, ExecuteInsuranceWithdrawalArgs);
}
