//! Anchor's 8-byte discriminators, computed at compile time:
//! `sha256("global:<instruction>")`, `sha256("account:<Type>")`, `sha256("event:<Type>")`, first 8 bytes.

/// First 8 bytes of sha256(prefix ‖ name).
pub const fn sighash(prefix: &str, name: &str) -> [u8; 8] {
    let h = sha2_const_stable::Sha256::new().update(prefix.as_bytes()).update(name.as_bytes()).finalize();
    [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]]
}

/// The discriminator as a little-endian `u64`, for matching.
pub const fn sighash_u64(prefix: &str, name: &str) -> u64 {
    u64::from_le_bytes(sighash(prefix, name))
}

/// Anchor's tag for events emitted by self-CPI (`emit_cpi!`): `EVENT_IX_TAG = 0x1d9acb512ea545e4`
/// written little-endian (the first 8 bytes of sha256("anchor:event"), reversed).
pub const EVENT_IX_TAG: [u8; 8] = 0x1d9a_cb51_2ea5_45e4u64.to_le_bytes();
