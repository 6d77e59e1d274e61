//! `socialize_loss` — waterfall stage 5, the explicit last resort. Permissionless.
//!
//! Only for a position-free account whose deficit the insurance fund can no longer pay (its
//! balance or the market's cap is exhausted). The deficit is spread over the open interest of the
//! side that profited — the side opposite to the bankrupt position — by raising that side's
//! social-loss index (O(1); each position pays its share when next touched). With no open interest
//! to charge, it is booked as exchange bad debt. Either way it is evented and shown in the totals.

use crate::engine::risk::guarded_price;
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::countable_insurance;
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, SocializedLoss};
use crate::math::funding::social_loss_index_delta;
use crate::math::safe::SafeMath;
use crate::math::wide::{sub, to_i64};
use crate::state::margin_account::{status, NO_MARKET};
use crate::state::Index128;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `socialize_loss`.
    pub struct SocializeLossAccounts {
        /// Keeper (any signer).
        keeper: signer,
        /// Bankrupt margin account.
        liquidatee: writable,
        /// Exchange.
        exchange: writable,
        /// The market the deficit arose in.
        market: writable,
        /// Its oracle (the same staleness and confidence guards as every stage).
        oracle: readonly,
        /// Exchange vault (solvency check).
        vault: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `socialize_loss` (none).
    pub struct SocializeLossArgs {}
}

pub fn process(accounts: &[AccountView], _args: &SocializeLossArgs) -> PerpResult {
    let a = SocializeLossAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::margin_account_mut(a.liquidatee, a.exchange.address())?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let feed = validate::oracle(a.oracle, market)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    require!(acct.deficit_native != 0, PerpError::NoDeficit);
    require!(!acct.has_positions(), PerpError::AccountHasPositions);
    require!(acct.deficit_market_index == market.market_index, PerpError::WrongMarket);
    require!(countable_insurance(acct, market, ex)? == 0, PerpError::InsuranceCanCover);

    let amount = acct.deficit_native;
    let charged_side = if acct.deficit_side == 0 { 1u8 } else { 0u8 }; // the profiting side
    let oi = market.open_interest_lots;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    guarded_price(market, &feed, env.slot)?;
    let (delta, index_after, bad_debt) = if oi == 0 {
        env.ex.bad_debt_native = env.ex.bad_debt_native.saturating_add(amount);
        (Index128::default(), Index128::default(), amount)
    } else {
        let d = social_loss_index_delta(amount, oi)?;
        let idx = if charged_side == 0 {
            &mut market.social_loss_long_index
        } else {
            &mut market.social_loss_short_index
        };
        *idx = Index128::from_i128(idx.get().checked_add(d).ok_or(PerpError::MathOverflow)?);
        let after = *idx;
        env.ex.pending_settlement_native = sub(env.ex.pending_settlement_native, to_i64(amount)?)?;
        env.ex.socialized_loss_native = env.ex.socialized_loss_native.saturating_add(amount);
        market.socialized_loss_native = market.socialized_loss_native.saturating_add(amount);
        (Index128::from_i128(d), after, 0)
    };
    acct.deficit_native = 0;
    env.ex.total_deficit_native = env.ex.total_deficit_native.safe_sub(amount)?;
    acct.status = status::HEALTHY;
    let deficit_market = acct.deficit_market_index;
    acct.deficit_market_index = NO_MARKET;

    let s = env.stamp();
    env.emit(&SocializedLoss {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.liquidatee.address(),
        market_index: deficit_market,
        amount_native: amount,
        charged_side,
        open_interest_lots: oi,
        index_delta: delta,
        index_after,
        bad_debt_native: bad_debt,
    })?;
    vault_guard.close(env.ex, a.vault)
}
