//! `cancel_order` / `cancel_all_orders`: the owner removes resting orders.

use crate::engine::matching::{emit_cancel, release_order};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::check_event_authority;
use crate::math::safe::SafeMath;
use crate::state::order_book::Side;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `cancel_order` and `cancel_all_orders`.
    pub struct CancelOrderAccounts {
        /// Margin account owner.
        owner: signer,
        /// Margin account owning the orders.
        margin_account: writable,
        /// Exchange.
        exchange: writable,
        /// Market.
        market: readonly,
        /// Its order book.
        order_book: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `cancel_order`.
    pub struct CancelOrderArgs {
        /// Book order id.
        pub order_id: u64,
        /// Its limit price (locates the price level by binary search).
        pub price: u64,
        /// Its side: 0 bid, 1 ask.
        pub side: u8,
    }
}

packed_layout! {
    /// Arguments of `cancel_all_orders` (none).
    pub struct CancelAllArgs {}
}

pub fn process(accounts: &[AccountView], args: &CancelOrderArgs) -> PerpResult {
    let a = CancelOrderAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let market = validate::market(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let side = Side::from_u8(args.side).ok_or(PerpError::InvalidInstructionData)?;
    let i = book.locate(side, args.price, args.order_id).ok_or(PerpError::OrderNotFound)?;
    require!(&book.orders(side)[i].owner == a.margin_account.address(), PerpError::OrderNotFound);
    let o = book.remove_at(side, i);
    release_order(acct, market.market_index, side, o.base_lots, o.price, true, o.owner_epoch);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    emit_cancel(&mut env, a.market.address(), side, &o, 0)
}

pub fn process_all(accounts: &[AccountView], _args: &CancelAllArgs) -> PerpResult {
    let a = CancelOrderAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let market = validate::market(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    cancel_account_orders(
        book,
        acct,
        a.margin_account.address(),
        market.market_index,
        a.market.address(),
        &mut env,
        0,
    )?;
    Ok(())
}

/// The first 8 bytes of an address as one word.
#[inline(always)]
fn owner_prefix(a: &pinocchio::Address) -> u64 {
    let b = a.as_array();
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// Removes every order of `owner` from the book; returns how many. `reason` goes in the events.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub fn cancel_account_orders(
    book: &mut crate::state::order_book::OrderBook,
    acct: &mut crate::state::margin_account::MarginAccount,
    owner: &pinocchio::Address,
    market_index: u16,
    market_key: &pinocchio::Address,
    env: &mut Env,
    reason: u8,
) -> PerpResult<u32> {
    let mut n = 0u32;
    let prefix = owner_prefix(owner);
    for side in [Side::Bid, Side::Ask] {
        // Back to front, so removing an order does not move the ones still to visit. The first
        // 8 bytes of the owner are compared first: one load per order on the scan.
        for i in (0..book.orders(side).len()).rev() {
            let o = &book.orders(side)[i];
            if owner_prefix(&o.owner) == prefix && &o.owner == owner {
                let o = book.remove_at(side, i);
                release_order(acct, market_index, side, o.base_lots, o.price, true, o.owner_epoch);
                emit_cancel(env, market_key, side, &o, reason)?;
                n = n.safe_add(1)?;
            }
        }
    }
    Ok(n)
}
