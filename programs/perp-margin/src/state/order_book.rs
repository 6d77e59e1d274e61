//! `OrderBook`: a bounded price-time-priority book per market, free of I/O (Phoenix-style: the
//! matching logic here never touches accounts; `instructions/place_order.rs` settles fills).
//!
//! Each side is an array of up to 512 orders kept sorted so that the best order is at the end:
//! bids ascending by price, asks descending, and at equal price the older order (lower id) nearer
//! the end. Taking the best order is O(1); inserting and cancelling find their place by binary
//! search (O(log n) comparisons) and shift the tail with one `sol_memmove_` syscall, which the
//! runtime charges one CU per 250 bytes (≤ 148 CU for a whole 512-order side) — far less than the
//! pointer-chasing of a tree. A full side evicts its least aggressive order for a better one
//! (`place_order`).
//!
//! 73 784 bytes: larger than a program may allocate by CPI, so the admin creates the account
//! (owned by this program, zeroed) in the `create_market` transaction, and `create_market`
//! initializes it; its address is recorded in `Market::order_book`.

use crate::account_type;
use pinocchio::Address;

/// Orders per side.
pub const BOOK_CAPACITY: usize = 512;

/// Moves `count` orders of `arr` from index `from` to index `to` (ranges may overlap): one
/// `sol_memmove_` syscall on-chain.
#[inline(always)]
fn move_orders(arr: &mut [Order; BOOK_CAPACITY], from: usize, to: usize, count: usize) {
    if count == 0 {
        return;
    }
    debug_assert!(from.max(to).saturating_add(count) <= BOOK_CAPACITY);
    #[cfg(any(target_arch = "bpf", target_os = "solana"))]
    // SAFETY: both ranges lie inside `arr` (callers pass `from, to ≤ len ≤ BOOK_CAPACITY` and
    // `count = len − from`), and `sol_memmove_` handles overlap; `Order` is plain old data.
    unsafe {
        let base = arr.as_mut_ptr() as *mut u8;
        let size = core::mem::size_of::<Order>();
        pinocchio::syscalls::sol_memmove_(
            base.add(to.wrapping_mul(size)),
            base.add(from.wrapping_mul(size)),
            count.wrapping_mul(size) as u64,
        );
    }
    #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
    arr.copy_within(from..from.saturating_add(count), to);
}

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
        pub bids: [Order; 512],
        /// Asks, descending by price, best last.
        pub asks: [Order; 512],
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
        move_orders(arr, at, at.saturating_add(1), len.saturating_sub(at));
        arr[at] = order;
        *n = n.saturating_add(1);
        true
    }

    /// Removes the order at `index` of a side.
    pub fn remove_at(&mut self, side: Side, index: usize) -> Order {
        let (arr, n) = self.side_mut(side);
        let len = usize::from(*n);
        let o = arr[index];
        let next = index.saturating_add(1);
        move_orders(arr, next, index, len.saturating_sub(next));
        *n = n.saturating_sub(1);
        o
    }

    /// Index of the order `order_id` resting on `side` at `price`: binary search to the price
    /// level, then the level's orders (O(log n) + the orders at that one price).
    pub fn locate(&self, side: Side, price: u64, order_id: u64) -> Option<usize> {
        let orders = self.orders(side);
        // The level spans [start, end): orders strictly worse than `price` come first.
        let (start, end) = match side {
            Side::Bid => {
                (orders.partition_point(|o| o.price < price), orders.partition_point(|o| o.price <= price))
            }
            Side::Ask => {
                (orders.partition_point(|o| o.price > price), orders.partition_point(|o| o.price >= price))
            }
        };
        (start..end).find(|&i| orders[i].order_id == order_id)
    }

    /// Finds an order by id on either side (a linear scan: host tests and tools).
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
    fn locate_finds_every_order_by_price_level() {
        let mut b: Box<OrderBook> = Box::default();
        // 512 bids over 37 price levels, interleaved ids.
        for i in 0..BOOK_CAPACITY as u64 {
            assert!(b.insert(Side::Bid, o(i, 1_000 + (i * 7919) % 37)));
        }
        for i in 0..BOOK_CAPACITY as u64 {
            let p = 1_000 + (i * 7919) % 37;
            let at = b.locate(Side::Bid, p, i).expect("found");
            assert_eq!(b.orders(Side::Bid)[at].order_id, i);
            assert_eq!(b.locate(Side::Bid, p + 1, i), None, "wrong price: not found");
            assert_eq!(b.locate(Side::Ask, p, i), None, "wrong side: not found");
        }
        // Sorted, best last, time priority inside a level.
        let v = b.orders(Side::Bid);
        for w in v.windows(2) {
            assert!(w[0].price < w[1].price || (w[0].price == w[1].price && w[0].order_id > w[1].order_id));
        }
        // Removing from the middle keeps the order.
        let at = b.locate(Side::Bid, 1_010, 10).unwrap();
        b.remove_at(Side::Bid, at);
        assert_eq!(b.orders(Side::Bid).len(), BOOK_CAPACITY - 1);
        assert_eq!(b.locate(Side::Bid, 1_010, 10), None);
        for w in b.orders(Side::Bid).windows(2) {
            assert!(w[0].price <= w[1].price);
        }
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
