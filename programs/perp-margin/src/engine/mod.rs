//! The engine: orchestration between pure `math/` and the instruction handlers — loading and
//! validating accounts, oracle guards, lazy settlement, health, fills, matching and the solvency
//! check. Handlers in `instructions/` stay short by calling into here.

pub mod env;
pub mod funding;
pub mod matching;
pub mod oracle;
pub mod positions;
pub mod risk;
pub mod solvency;
pub mod validate;
pub mod waterfall;
