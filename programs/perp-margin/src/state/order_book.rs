//! `OrderBook`: a bounded price-time-priority book per market, free of I/O (Phoenix-style: the
//! matching logic here never touches accounts; `instructions/place_order.rs` settles fills).
//!
//! Each side is an array kept sorted so that the best order is at the end: bids ascending by price,
//! asks descending, and at equal price the older order (lower id) nearer the end. Taking the best
//! order is O(1); inserting or cancelling shifts at most one side (64 × 72 bytes).
//!
//! Seeds: `["book", market]`. 9 272 bytes: fits the 10 KiB a program may allocate by CPI.

use crate::account_type;
use pinocchio::Address;

/// Orders per side.
pub const BOOK_CAPACITY: usize = 64;

/// `Order::flags` bits.
pub mod order_flags {
    /// The order may only reduce the owner's position; it shrinks to the position at fill time.
    pub const REDUCE_ONLY: u8 = 1;
}

layout! {
    /// A resting order.
    pub struct Order {
        /// Margin account that owns the order.
        pub owner: Address,
        /// Book-unique id, increasing: also the time priority.
        pub order_id: u64,
        /// Id chosen by the client.
        pub client_order_id: u64,
        /// Limit price, quote native per lot.
        pub price: u64,
        /// Remaining size, lots.
        pub base_lots: u64,
        /// Bits: 1 reduce-only.
        pub flags: u8,
        /// Reserved.
        pub _pad0: [u8; 3],
        /// The owner's `bankruptcy_count` when the order was placed: an order whose owner has gone
        /// bankrupt since never fills (it is cancelled when reached).
        pub owner_epoch: u32,
    }
}

layout! {
    /// Resting orders of one market.
    pub struct OrderBook {
        /// Market.
        pub market: Address,
        /// Next order id.
        pub next_order_id: u64,
        /// Live bids (first `bid_count` entries of `bids`).
        pub bid_count: u16,
        /// Live asks.
        pub ask_count: u16,
        /// Reserved.
        pub _pad0: [u8; 4],
        /// Bids, ascending by price, best last.
        pub bids: [Order; 64],
        /// Asks, descending by price, best last.
        pub asks: [Order; 64],
    }
}
account_type!(OrderBook);

/// Book side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Bid,
    Ask,
}

impl Side {
    pub fn from_u8(v: u8) -> Option<Side> {
        match v {
            0 => Some(Side::Bid),
            1 => Some(Side::Ask),
            _ => None,
        }
    }
    pub fn opposite(self) -> Side {
        match self {
            Side::Bid => Side::Ask,
            Side::Ask => Side::Bid,
        }
    }
}

impl OrderBook {
    pub const SEED: &'static [u8] = b"book";

    #[inline(always)]
    fn side(&self, side: Side) -> (&[Order; BOOK_CAPACITY], usize) {
        match side {
            Side::Bid => (&self.bids, self.bid_count as usize),
            Side::Ask => (&self.asks, self.ask_count as usize),
        }
    }

    #[inline(always)]
    fn side_mut(&mut self, side: Side) -> (&mut [Order; BOOK_CAPACITY], &mut u16) {
        match side {
            Side::Bid => (&mut self.bids, &mut self.bid_count),
            Side::Ask => (&mut self.asks, &mut self.ask_count),
        }
    }

    /// Live orders of one side, worst first, best last.
    #[inline(always)]
    pub fn orders(&self, side: Side) -> &[Order] {
        let (arr, n) = self.side(side);
        &arr[..n]
    }

    /// Best order of a side.
    #[inline(always)]
    pub fn best(&self, side: Side) -> Option<&Order> {
        self.orders(side).last()
    }

    /// Mutable best order of a side.
    #[inline(always)]
    pub fn best_mut(&mut self, side: Side) -> Option<&mut Order> {
        let (arr, n) = self.side_mut(side);
        let last = usize::from(*n).checked_sub(1)?;
        arr.get_mut(last)
    }

    /// Removes the best order of a side.
    #[inline(always)]
    pub fn pop_best(&mut self, side: Side) {
        let (_, n) = self.side_mut(side);
        *n = n.saturating_sub(1);
    }

    /// Inserts a resting order behind every order at the same price. Returns false when full.
    pub fn insert(&mut self, side: Side, order: Order) -> bool {
        let (arr, n) = self.side_mut(side);
        let len = usize::from(*n);
        if len >= BOOK_CAPACITY {
            return false;
        }
        // First index whose order is at the new price or better: the new order goes just before it.
        let at = match side {
            Side::Bid => arr[..len].partition_point(|o| o.price < order.price),
            Side::Ask => arr[..len].partition_point(|o| o.price > order.price),
        };
        // at ≤ len < BOOK_CAPACITY, so at + 1 ≤ BOOK_CAPACITY and n + 1 fits.
        arr.copy_within(at..len, at.saturating_add(1));
        arr[at] = order;
        *n = n.saturating_add(1);
        true
    }

    /// Removes the order at `index` of a side.
    pub fn remove_at(&mut self, side: Side, index: usize) -> Order {
        let (arr, n) = self.side_mut(side);
        let len = usize::from(*n);
        let o = arr[index];
        arr.copy_within(index.saturating_add(1)..len, index);
        *n = n.saturating_sub(1);
        o
    }

    /// Finds an order by id on either side.
    pub fn find(&self, order_id: u64) -> Option<(Side, usize)> {
        for side in [Side::Bid, Side::Ask] {
            if let Some(i) = self.orders(side).iter().position(|o| o.order_id == order_id) {
                return Some((side, i));
            }
        }
        None
    }

    /// (best bid + best ask) / 2, rounded down, when both sides exist.
    pub fn mid_price(&self) -> Option<u64> {
        let b = self.best(Side::Bid)?.price;
        let a = self.best(Side::Ask)?.price;
        // ⌊(b + a) / 2⌋ without overflow: b/2 + a/2 + (carry of the two halves).
        Some((b >> 1).saturating_add(a >> 1).saturating_add((b & a) & 1))
    }

    /// Takes the next order id.
    #[inline(always)]
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_order_id;
        self.next_order_id = id.wrapping_add(1);
        id
    }
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host tests: native arithmetic is the reference
mod tests {
    use super::*;
    extern crate std;
    use std::boxed::Box;

    fn o(id: u64, price: u64) -> Order {
        Order { order_id: id, price, base_lots: 1, ..Default::default() }
    }

    #[test]
    fn price_time_priority() {
        let mut b: Box<OrderBook> = Box::default();
        for (id, p) in [(1, 100), (2, 101), (3, 100), (4, 99)] {
            assert!(b.insert(Side::Bid, o(id, p)));
        }
        let ids: std::vec::Vec<u64> = b.orders(Side::Bid).iter().rev().map(|o| o.order_id).collect();
        assert_eq!(ids, [2, 1, 3, 4]); // best price first, then time
        for (id, p) in [(5, 105), (6, 103), (7, 103)] {
            assert!(b.insert(Side::Ask, o(id, p)));
        }
        let ids: std::vec::Vec<u64> = b.orders(Side::Ask).iter().rev().map(|o| o.order_id).collect();
        assert_eq!(ids, [6, 7, 5]);
        assert_eq!(b.mid_price(), Some(102));
        let (side, i) = b.find(1).unwrap();
        b.remove_at(side, i);
        let ids: std::vec::Vec<u64> = b.orders(Side::Bid).iter().rev().map(|o| o.order_id).collect();
        assert_eq!(ids, [2, 3, 4]);
    }

    #[test]
    fn full_side_rejects() {
        let mut b: Box<OrderBook> = Box::default();
        for i in 0..BOOK_CAPACITY as u64 {
            assert!(b.insert(Side::Ask, o(i, 100 + i)));
        }
        assert!(!b.insert(Side::Ask, o(999, 50)));
        assert_eq!(b.best(Side::Ask).unwrap().price, 100);
    }
}
