//! Oracle sources a market can read, each owner- and type-checked, all converted into one
//! `OracleReading` in quote native per lot that the guards in `risk.rs` then check:
//! - `PriceFeed` (kind 0): this program's own feed, published by its authority (localnet, tests);
//! - Pyth `PriceUpdateV2` (kind 1): owned by the Pyth Solana Receiver, Anchor discriminator checked,
//!   **fully verified only** (partially verified updates lower the guardian threshold), pinned to the
//!   market's feed id; staleness is measured from its `posted_slot`.

use crate::discriminator::sighash;
use crate::error::{PerpError, PerpResult};
use crate::math::oracle::external_to_lot_price;
use crate::state::load;
use crate::state::market::Market;
use crate::state::price_feed::PriceFeed;
use pinocchio::{AccountView, Address};

/// `Market::oracle_kind` values.
pub mod kind {
    /// This program's `PriceFeed`.
    pub const PROGRAM_FEED: u8 = 0;
    /// Pyth `PriceUpdateV2` (pull oracle, Pyth Solana Receiver).
    pub const PYTH_PRICE_UPDATE_V2: u8 = 1;
}

/// Pyth Solana Receiver program.
pub const PYTH_RECEIVER_ID: Address = Address::from_str_const("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");
/// `sha256("account:PriceUpdateV2")[..8]`.
pub const PRICE_UPDATE_V2_DISCRIMINATOR: [u8; 8] = sighash("account:", "PriceUpdateV2");
/// Account size the receiver allocates (8 + 32 + 2 + 32 + 8 + 8 + 4 + 8×5).
pub const PRICE_UPDATE_V2_LEN: usize = 134;

/// A price in this program's units, from any source.
#[derive(Clone, Copy, Debug, Default)]
pub struct OracleReading {
    /// Quote native per lot.
    pub price: u64,
    /// ± quote native per lot.
    pub confidence: u64,
    /// Slot the price was published (program feed) or posted (Pyth).
    pub publish_slot: u64,
}

/// The fields of a fully verified `PriceUpdateV2` that a market reads.
#[derive(Clone, Copy, Debug)]
pub struct PythPrice {
    pub feed_id: [u8; 32],
    pub price: i64,
    pub confidence: u64,
    pub exponent: i32,
    pub posted_slot: u64,
}

#[inline(always)]
fn le_u64(d: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(d.get(at..at.saturating_add(8)).unwrap_or(&[0; 8]));
    u64::from_le_bytes(b)
}

/// Parses a `PriceUpdateV2` body. Layout (borsh): discriminator(8) write_authority(32)
/// verification_level(enum: `Full` = tag 1, no payload) feed_id(32) price(i64) conf(u64)
/// exponent(i32) publish_time(i64) prev_publish_time(i64) ema_price(i64) ema_conf(u64)
/// posted_slot(u64). A `Partial` update (tag 0 + a byte) is refused.
#[inline(always)]
pub fn parse_price_update_v2(d: &[u8]) -> PerpResult<PythPrice> {
    require!(
        d.len() == PRICE_UPDATE_V2_LEN && d[..8] == PRICE_UPDATE_V2_DISCRIMINATOR,
        PerpError::InvalidOracle
    );
    require!(d[40] == 1, PerpError::OracleNotFullyVerified);
    let mut feed_id = [0u8; 32];
    feed_id.copy_from_slice(&d[41..73]);
    Ok(PythPrice {
        feed_id,
        price: le_u64(d, 73).cast_signed(), // i64 in the account: the same bits
        confidence: le_u64(d, 81),
        exponent: i32::from_le_bytes([d[89], d[90], d[91], d[92]]),
        posted_slot: le_u64(d, 125),
    })
}

/// Reads a Pyth update account after checking its owner.
#[inline(always)]
pub fn read_pyth(view: &AccountView) -> PerpResult<PythPrice> {
    require!(view.owned_by(&PYTH_RECEIVER_ID), PerpError::InvalidOracle);
    // SAFETY: the runtime keeps the data alive for the instruction; the length is the account's.
    let d = unsafe { core::slice::from_raw_parts(view.data_ptr(), view.data_len()) };
    parse_price_update_v2(d)
}

/// The market's oracle, read from `view` (which must be `market.oracle`), in quote native per lot.
/// Not inlined: six handlers call it, and the Pyth conversion is sizeable.
#[inline(never)]
pub fn read(view: &AccountView, market: &Market) -> PerpResult<OracleReading> {
    require!(view.address() == &market.oracle, PerpError::WrongMarket);
    match market.oracle_kind {
        kind::PROGRAM_FEED => {
            let f = load::<PriceFeed>(view).map_err(|_| PerpError::InvalidOracle)?;
            Ok(OracleReading { price: f.price, confidence: f.confidence, publish_slot: f.publish_slot })
        }
        kind::PYTH_PRICE_UPDATE_V2 => {
            let p = read_pyth(view)?;
            require!(p.feed_id == market.pyth_feed_id, PerpError::OracleFeedMismatch);
            let lp = external_to_lot_price(
                p.price,
                p.confidence,
                p.exponent,
                market.params.base_lot_size,
                market.oracle_base_decimals,
                market.oracle_quote_decimals,
            )?;
            Ok(OracleReading { price: lp.price, confidence: lp.confidence, publish_slot: p.posted_slot })
        }
        _ => Err(PerpError::InvalidOracle),
    }
}
