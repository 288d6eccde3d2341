/// Double-entry operations over a `LedgerWriter`. Every operation applies fully or not at all, keeps
/// the materialised balances in step with its postings, and never leaves a holder below zero.
/// Times are passed in (`at`) so that callers take them from their `Clock`.
public struct Ledger {
    public let store: any LedgerWriter
    public let policies: [String: LedgerCurrencyPolicy]

    public init(store: any LedgerWriter, policies: [String: LedgerCurrencyPolicy]) {
        self.store = store
        self.policies = policies
    }

    func policy(_ currency: String) throws(LedgerError) -> LedgerCurrencyPolicy {
        guard let policy = policies[currency] else { throw .unknownCurrency(currency) }
        return policy
    }

    /// Appends one posting and moves both materialised balances, overflow-checked before writing.
    @discardableResult
    func post(
        _ kind: LedgerPosting.Kind, _ currency: String, from debit: LedgerAccount, to credit: LedgerAccount,
        _ amount: Int64, at: Timestamp, _ references: LedgerPosting.References,
        createdLots: [Int64] = [], draws: [LotDraw] = []
    ) throws -> LedgerPosting {
        try LedgerAmount.check(amount)
        precondition(debit != credit, "a posting moves between two accounts")
        let debitKey = LedgerAccountCurrency(debit, currency)
        let creditKey = LedgerAccountCurrency(credit, currency)
        let debitBalance = try LedgerAmount.subtract(try store.balance(of: debitKey), amount)
        let creditBalance = try LedgerAmount.add(try store.balance(of: creditKey), amount)
        let posting = LedgerPosting(
            id: try store.nextPostingID(), currency: currency, debit: debit, credit: credit, amount: amount,
            at: at, kind: kind, references: references, createdLots: createdLots, draws: draws
        )
        try store.append(posting, debitBalance: debitBalance, creditBalance: creditBalance)
        return posting
    }

    func createLot(
        _ holder: LedgerHolder, _ currency: String, _ amount: Int64,
        earnedAt: Timestamp, availableAt: Timestamp, expiresAt: Timestamp?
    ) throws -> Lot {
        let lot = Lot(
            id: try store.nextLotID(), holder: holder, currency: currency, amount: amount,
            earnedAt: earnedAt, availableAt: availableAt, expiresAt: expiresAt
        )
        try store.save(lot)
        return lot
    }

    /// Takes `amount` from the holder's lots that are available at `at`, soonest expiry first.
    /// Refuses, writing nothing, when they hold less.
    func draw(_ amount: Int64, from holder: LedgerHolder, _ currency: String, at: Timestamp) throws -> [LotDraw] {
        let lots = try store.lotsToSpend(holder: holder, currency: currency, at: at, covering: amount)
        var available: Int64 = 0
        for lot in lots { available = try LedgerAmount.add(available, lot.remaining) }
        guard available >= amount else { throw LedgerError.insufficientAvailable(available: available, requested: amount) }
        return try take(amount, from: lots)
    }

    /// Consumes `amount` from `lots` in their order; the caller has checked they hold enough.
    func take(_ amount: Int64, from lots: [Lot]) throws -> [LotDraw] {
        var left = amount
        var draws: [LotDraw] = []
        for var lot in lots where left > 0 {
            let taken = min(lot.remaining, left)
            lot.remaining -= taken
            left -= taken
            try store.save(lot)
            draws.append(LotDraw(lotID: lot.id, amount: taken))
        }
        precondition(left == 0, "take is called only with enough in the lots")
        return draws
    }

    /// Gives back to each lot what `draws` took from it.
    func restore(_ draws: [LotDraw]) throws {
        for draw in draws {
            guard var lot = try store.lot(id: draw.lotID) else { preconditionFailure("a draw names a stored lot") }
            lot.remaining = try LedgerAmount.add(lot.remaining, draw.amount)
            try store.save(lot)
        }
    }

    static func days(_ count: Int) -> Int64 { Int64(count) * LotExpiry.dayMilliseconds }
}
