//! Per-instruction environment: the exchange being changed, the slot and time, and event emission
//! (events accumulate in the instruction's batch, see `events`; host builds keep what was sent).

use crate::error::{PerpError, PerpResult};
use crate::events::{emit, Event, Stamp};
use crate::state::exchange::Exchange;
use pinocchio::sysvars::{clock::Clock, Sysvar};
use pinocchio::AccountView;

/// What every value-moving instruction carries around.
pub struct Env<'a> {
    /// The exchange (mutable: totals and event sequence).
    pub ex: &'a mut Exchange,
    /// The exchange account (PDA signer for vault transfers).
    pub exchange_view: &'a AccountView,
    /// Event authority PDA.
    pub event_authority: &'a AccountView,
    /// Current slot.
    pub slot: u64,
    /// Current unix time, seconds.
    pub unix_time: i64,
}

impl<'a> Env<'a> {
    /// Builds the environment, reading the clock sysvar.
    #[inline(always)]
    pub fn new(
        ex: &'a mut Exchange,
        exchange_view: &'a AccountView,
        event_authority: &'a AccountView,
    ) -> PerpResult<Self> {
        let clock = Clock::get().map_err(|_| PerpError::InvalidConfig)?;
        Ok(Env::at(ex, exchange_view, event_authority, clock.slot, clock.unix_timestamp))
    }

    /// The environment at a given slot and time: what the engine runs on. Handlers get them
    /// from the clock ([`Env::new`]); host tests pass them.
    #[inline(always)]
    pub fn at(
        ex: &'a mut Exchange,
        exchange_view: &'a AccountView,
        event_authority: &'a AccountView,
        slot: u64,
        unix_time: i64,
    ) -> Self {
        Env { ex, exchange_view, event_authority, slot, unix_time }
    }

    /// Sequence number, slot and time for the next event.
    #[inline(always)]
    pub fn stamp(&mut self) -> Stamp {
        Stamp { seq: self.ex.next_seq(), slot: self.slot, unix_time: self.unix_time }
    }

    /// Emits an event (its `seq` must come from [`Env::stamp`]).
    #[inline(always)]
    pub fn emit<E: Event>(&self, event: &E) -> PerpResult {
        emit(self.event_authority, event)
    }

    /// Seeds of the exchange PDA, for signing vault transfers.
    #[inline(always)]
    pub fn exchange_seed_parts(&self) -> ([u8; 2], [u8; 1]) {
        (self.ex.exchange_id.to_le_bytes(), [self.ex.bump])
    }
}
