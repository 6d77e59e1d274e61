//! `mark_underwater` — makes a stuck bankruptcy visible. Permissionless.
//!
//! An account can hold positions with negative equity that no waterfall stage can progress yet:
//! no bid inside the band, no backstop able to take it, no opposite position to deleverage against.
//! Its loss is real but not yet a deficit (deficits are recorded when positions are gone). This
//! instruction records it: the account's negative equity (bad oracles valued at their worst case)
//! goes into `MarginAccount::underwater_native` and the exchange's `underwater_native` /
//! `underwater_count`, evented (`UnderwaterMarked`). Running it again refreshes the mark; on an
//! account no longer underwater it clears the mark. Every waterfall step on the account keeps the
//! mark current, and it is cleared when the account's deficit is recorded or it recovers.
//!
//! Remaining accounts: `(market, oracle)` pairs of every market the account holds.

use crate::engine::positions::{clear_underwater, set_underwater, UnderwaterMark};
use crate::engine::risk::{account_health, MarketTable, Valuation};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::check_event_authority;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `mark_underwater`. Remaining: `(market, oracle)` pairs of the account's markets.
    pub struct MarkUnderwaterAccounts {
        /// Anyone (a keeper).
        keeper: signer,
        /// The account to mark.
        margin_account: writable,
        /// Exchange (totals).
        exchange: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `mark_underwater` (none).
    pub struct MarkUnderwaterArgs {}
}

pub fn process(accounts: &[AccountView], _args: &MarkUnderwaterArgs) -> PerpResult {
    let a = MarkUnderwaterAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::margin_account_mut(a.margin_account, a.exchange.address())?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let mut table = MarketTable::new();
    table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    let key = a.margin_account.address();
    let h = account_health(acct, &table, Valuation::Conservative)?;
    if acct.has_positions() && h.equity_native < 0 {
        set_underwater(
            acct,
            key,
            &UnderwaterMark {
                marked_native: h.equity_native.unsigned_abs(),
                equity_native: h.equity_native,
                maint_req_native: h.maint_req_native,
                keeper: *a.keeper.address(),
            },
            &mut env,
        )
    } else {
        require!(acct.underwater_native > 0, PerpError::NotUnderwater);
        clear_underwater(acct, key, &mut env)
    }
}
