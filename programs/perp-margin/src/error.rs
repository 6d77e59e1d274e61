//! One error enum for the whole program, with stable explicit numbers.
//!
//! Numbers start at 6000 (Anchor's custom-error range) so Anchor's TypeScript client maps them to
//! names and messages from the IDL. Never reorder, renumber or reuse a number: clients, the
//! indexer and saved transaction logs depend on them. New errors take the next free number.

use pinocchio::error::ProgramError;

macro_rules! errors {
    ($( $(#[doc = $doc:literal])* $name:ident = $code:literal, $msg:literal; )*) => {
        /// Every way an instruction of this program can fail.
        #[repr(u32)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum PerpError { $( $(#[doc = $doc])* $name = $code, )* }

        impl PerpError {
            /// `(code, name, message)` for every error: the IDL's `errors` section.
            pub const ALL: &'static [(u32, &'static str, &'static str)] = &[ $( ($code, stringify!($name), $msg), )* ];
        }
    };
}

errors! {
    // ---- instruction shape (6000..) ----
    /// Instruction data is shorter or longer than the instruction's arguments.
    InvalidInstructionData = 6000, "Instruction data has the wrong length for this instruction";
    /// The first 8 bytes match no instruction of this program.
    UnknownInstruction = 6001, "Unknown instruction discriminator";
    /// Fewer accounts than the instruction declares.
    NotEnoughAccounts = 6002, "Not enough accounts for this instruction";
    /// A declared signer did not sign.
    MissingSigner = 6003, "A required signer did not sign";
    /// An account that must be writable was passed read-only.
    AccountNotWritable = 6004, "An account that must be writable is read-only";
    /// An account is not owned by the program that must own it.
    WrongAccountOwner = 6005, "Account is owned by the wrong program";
    /// The account's 8-byte discriminator is not the expected type's.
    WrongAccountType = 6006, "Account discriminator does not match the expected account type";
    /// The account's data length is not the expected type's size.
    WrongAccountSize = 6007, "Account data has the wrong size";
    /// The address is not the program-derived address its seeds give.
    WrongPda = 6008, "Account is not the expected program-derived address";
    /// The account was initialised already.
    AlreadyInitialized = 6009, "Account is already initialized";
    /// A program account passed is not the program it must be.
    WrongProgram = 6010, "Wrong program account (system, token or this program)";
    /// The account belongs to another exchange.
    WrongExchange = 6011, "Account belongs to a different exchange";
    /// The signer is not the admin of the exchange.
    NotAdmin = 6012, "Signer is not the exchange admin";
    /// The signer is not the owner of the margin account.
    NotAccountOwner = 6013, "Signer is not the owner of the margin account";
    /// A token account has the wrong mint.
    WrongMint = 6014, "Token account or mint does not match the exchange's collateral mint";
    /// The vault or insurance vault passed is not the exchange's.
    WrongVault = 6015, "Vault account is not the exchange's vault";
    /// The market passed does not match the order book, oracle or index expected.
    WrongMarket = 6016, "Market, order book or oracle do not belong together";
    /// The event authority passed is not this program's event authority PDA.
    WrongEventAuthority = 6017, "Wrong event authority";
    /// A configuration value is outside its allowed range.
    InvalidConfig = 6018, "Configuration value out of range";
    /// The same account was passed where two distinct accounts are required.
    DuplicateAccount = 6019, "The same account was passed twice where distinct accounts are required";
    /// Market parameters: liquidation band + liquidation fee must stay below the maintenance
    /// margin, or a liquidation step could cost more than the margin it frees.
    LiquidationCostNotBelowMaintenance = 6020, "liquidation_band_bps + liquidation_fee_bps must be below maintenance_margin_bps";
    /// Market parameters: an order may not be priced further from the oracle than the initial margin.
    PriceBandExceedsInitialMargin = 6021, "price_band_bps must not exceed initial_margin_bps";
    /// Market parameters: the liquidation band must lie inside the order band.
    LiquidationBandExceedsPriceBand = 6022, "liquidation_band_bps must not exceed price_band_bps";
    /// Market parameters: 0 < maintenance margin < initial margin ≤ 100%.
    MarginFractionsInvalid = 6023, "need 0 < maintenance_margin_bps < initial_margin_bps <= 10000";
    /// Market parameters: funding rate or period outside the bounds that keep the index finite.
    FundingParamsOutOfRange = 6024, "max_funding_rate_bps or funding_period_slots out of range";

    // ---- amounts and math (6100..) ----
    /// An amount is zero where a positive amount is required.
    ZeroAmount = 6100, "Amount must be greater than zero";
    /// An amount is larger than the program accepts.
    AmountTooLarge = 6101, "Amount is larger than allowed";
    /// Integer overflow in a checked operation.
    MathOverflow = 6102, "Arithmetic overflow";
    /// Division by zero in a checked operation.
    DivisionByZero = 6103, "Division by zero";
    /// The order size is below the market minimum or not a whole number of lots.
    InvalidOrderSize = 6104, "Order size is below the market minimum";
    /// The price is zero, above the maximum, or not a multiple of the tick size.
    InvalidPrice = 6105, "Price is zero, too large, or not a multiple of the tick size";
    /// The source token account holds less than the amount.
    InsufficientTokenBalance = 6106, "Source token account balance is too small";
    /// The source token account is not owned by the signer.
    TokenAccountOwnerMismatch = 6107, "Source token account is not owned by the signer";

    // ---- oracle (6200..) ----
    /// The oracle account is not a price feed this program accepts.
    InvalidOracle = 6200, "Oracle account is not a valid price feed";
    /// The oracle's publish slot is older than the market allows.
    OracleStale = 6201, "Oracle price is stale";
    /// The oracle's confidence interval is wider than the market allows.
    OracleConfidenceTooWide = 6202, "Oracle confidence interval is too wide";
    /// An order or fill price is outside the band around the oracle.
    PriceBandExceeded = 6203, "Price is outside the allowed band around the oracle price";
    /// A market the account holds was not passed with its oracle.
    MissingMarketAccounts = 6204, "A market (and its oracle) that the account holds was not passed";
    /// The signer is not the price feed's authority.
    NotOracleAuthority = 6205, "Signer is not the price feed authority";
    /// A Pyth price update is not fully verified (Wormhole guardian quorum).
    OracleNotFullyVerified = 6206, "Pyth price update is not fully verified";
    /// The Pyth price update is for another feed than the market's.
    OracleFeedMismatch = 6207, "Pyth price update is for a different feed than the market's";

    // ---- trading and margin (6300..) ----
    /// Equity would be below the initial margin requirement.
    MarginRequirementExceeded = 6300, "Equity would fall below the initial margin requirement";
    /// All position slots of the margin account are in use.
    PositionSlotsFull = 6301, "All position slots of the margin account are in use";
    /// The book side has no free order slot.
    OrderBookFull = 6302, "The order book side is full";
    /// A post-only order would have crossed the book.
    PostOnlyWouldCross = 6303, "Post-only order would cross the book";
    /// A reduce-only order would increase or flip the position.
    ReduceOnlyWouldIncrease = 6304, "Reduce-only order would increase the position";
    /// The order id is not on the book for this account.
    OrderNotFound = 6305, "Order not found";
    /// The margin account has too many open orders.
    TooManyOpenOrders = 6306, "Too many open orders on this account";
    /// A maker whose order is being filled was not passed.
    MakerAccountMissing = 6307, "A maker margin account to be filled was not passed";
    /// The market is not active for this action.
    MarketNotActive = 6308, "Market is not active";
    /// The exchange is paused for this action.
    ExchangePaused = 6309, "Exchange is paused";
    /// The withdrawal is larger than the withdrawable amount.
    InsufficientCollateral = 6310, "Withdrawal exceeds free collateral";
    /// The margin account still holds positions, orders or cash and cannot be closed.
    AccountNotEmpty = 6311, "Margin account still holds positions, orders or balance";
    /// The order type byte is not a known type.
    InvalidOrderType = 6312, "Unknown order type or side";
    /// The account is being liquidated or is bankrupt and may not do this.
    AccountBeingLiquidated = 6313, "Account is being liquidated or is bankrupt";
    /// The order would leave the account with negative equity (or deeper in it).
    TradeWouldCreateDeficit = 6314, "Order would leave the account with negative equity";

    // ---- conservation (6400..) ----
    /// Vault balance != liabilities after the instruction: the program refuses the state.
    ConservationViolated = 6400, "Solvency check failed: vault balance does not equal liabilities";

    // ---- liquidation waterfall (6500..) ----
    /// The account is at or above maintenance margin.
    NotLiquidatable = 6500, "Account is not liquidatable (equity is at or above maintenance)";
    /// Book liquidity inside the band remains, so the backstop may not act yet.
    BookLiquidityRemains = 6501, "Order book still has liquidity inside the liquidation band";
    /// The backstop margin account is not registered or not active for the market.
    NotRegisteredBackstop = 6502, "Margin account is not a registered backstop for this market";
    /// The account still holds positions, so bankruptcy cannot be resolved.
    AccountHasPositions = 6503, "Account still holds positions";
    /// The account has no unresolved deficit.
    NoDeficit = 6504, "Account has no unresolved deficit";
    /// The insurance fund can still cover the loss, so ADL or socialization is not allowed yet.
    InsuranceCanCover = 6505, "Insurance fund can still cover this deficit";
    /// An ADL candidate is on the same side as the bankrupt position.
    AdlWrongSide = 6506, "ADL candidate is on the same side as the bankrupt position";
    /// An ADL candidate's position is not profitable.
    AdlNotProfitable = 6507, "ADL candidate position is not profitable";
    /// ADL candidates are not in descending score order.
    AdlNotSorted = 6508, "ADL candidates are not in descending ranking order";
    /// Too many ADL candidates for one transaction.
    AdlTooManyCandidates = 6509, "Too many ADL candidates in one instruction";
    /// The account has no position in the market.
    NoPosition = 6510, "Account has no position in this market";
    /// The account has an unresolved deficit: resolve it before depositing (CreditFirst policy).
    AccountHasUnresolvedDeficit = 6511, "Account has an unresolved deficit: run resolve_bankruptcy first (deposit policy CreditFirst)";
    /// The backstop would end below initial margin.
    BackstopBelowInitialMargin = 6512, "Backstop would fall below initial margin";
    /// The liquidation pace (slots between chunks) has not elapsed.
    LiquidationPaced = 6513, "Liquidation chunk pacing: wait for the next slot window";
    /// The account is bankrupt and must go through bankruptcy resolution.
    AccountBankrupt = 6514, "Account is bankrupt: resolve the deficit first";
    /// The backstop registry is full.
    BackstopRegistryFull = 6515, "Backstop registry is full";
    /// The insurance withdrawal delay has not elapsed or no withdrawal was requested.
    InsuranceWithdrawalNotReady = 6516, "Insurance withdrawal not requested or delay not elapsed";
    /// Not enough in the insurance fund.
    InsufficientInsurance = 6517, "Insurance fund balance is too small";
    /// The margin account cannot be its own counterparty (liquidator, backstop, ADL).
    SelfLiquidation = 6518, "An account cannot be its own liquidation counterparty";
    /// The backstop would be taking a position that does not reduce the liquidatee.
    NothingToLiquidate = 6519, "Nothing left to liquidate in this market";
    /// The deposit policy byte is not a known policy.
    InvalidDepositPolicy = 6520, "Unknown deposit policy";
    /// Wrong stage: the account has a deficit but positions remain, or vice versa.
    WrongWaterfallStage = 6521, "Wrong liquidation waterfall stage for this account";
    /// No resting liquidity inside the liquidation band: the next stage is the backstop.
    BookLiquidityExhausted = 6522, "No book liquidity inside the liquidation band: use backstop_liquidate";
    /// The account still has non-negative equity and backstops are registered for the market.
    BackstopStageFirst = 6523, "Account is not bankrupt and backstops are registered for this market: use backstop_liquidate first";
    /// `mark_underwater`: the account has no position or non-negative equity.
    NotUnderwater = 6524, "Account is not underwater (no position, or equity is not negative)";
    /// `sweep_surplus`: neither vault holds surplus.
    NoSurplus = 6525, "Neither vault holds surplus over its liabilities";
    /// A book or backstop close of an under-water account needs insurance to cover its negative
    /// equity; beyond it, ADL closes the position at the bankruptcy price.
    LossBeyondInsurance = 6526, "Negative equity exceeds the insurance available: use auto_deleverage";
    /// Deposits wait while bad debt is uncovered (`cover_bad_debt` with insurance reopens them).
    VenueHasBadDebt = 6527, "The exchange has uncovered bad debt: deposits are refused until it is covered";
    /// `cover_bad_debt`: nothing to cover, or no unreserved insurance to cover it with.
    NothingToCover = 6528, "No bad debt, or no unreserved insurance to cover it";
    /// A backstop must commit at least the exchange's minimum capacity.
    BackstopCapacityTooSmall = 6529, "Backstop capacity is below the exchange minimum";
    /// The account does not hold the free collateral it would commit.
    BackstopCapacityNotHeld = 6530, "The account's free collateral is below the capacity it commits";
    /// `evict_backstop`: the backstop still holds its committed capacity (or, for one market, a
    /// position slot it could use there).
    BackstopHoldsCapacity = 6531, "The backstop still holds its committed capacity (and a position slot for the market): it cannot be evicted";
    /// A registered backstop may not leave or lower its commitment during its lock period.
    BackstopLocked = 6532, "The backstop registration is locked: it cannot leave or lower its capacity yet";
    /// `withdraw`: the amount would take the account below the capacity it committed as a backstop.
    BackstopCapacityCommitted = 6533, "The withdrawal would take the account below its committed backstop capacity";
}

impl From<PerpError> for ProgramError {
    #[inline(always)]
    fn from(e: PerpError) -> Self {
        ProgramError::Custom(e as u32)
    }
}

/// Result type of every fallible function in this crate.
pub type PerpResult<T = ()> = Result<T, PerpError>;
