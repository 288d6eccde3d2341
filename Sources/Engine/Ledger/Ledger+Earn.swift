extension Ledger {
    /// program:issued → holder, as a new lot that becomes available after the currency's pending
    /// days and expires per its policy. A holder in debt repays it from the new lot first.
    @discardableResult
    public func earn(
        _ amount: Int64, _ currency: String, to holder: LedgerHolder, at: Timestamp,
        references: LedgerPosting.References = .init()
    ) throws -> LedgerPosting {
        try store.atomically {
            try credit(.earn, amount, currency, to: holder, at: at, pendingDays: try policy(currency).pendingDays, references)
        }
    }

    /// An admin correction with a reason: a positive `delta` credits a new lot, available at once;
    /// a negative one debits available lots like a spend.
    @discardableResult
    public func adjust(
        _ delta: Int64, _ currency: String, for holder: LedgerHolder, reason: String, at: Timestamp,
        references: LedgerPosting.References = .init()
    ) throws -> LedgerPosting {
        guard !reason.isEmpty else { throw LedgerError.emptyReason }
        guard delta != .min else { throw LedgerError.amountOutOfRange(delta) }
        var references = references
        references.reason = reason
        return try store.atomically {
            _ = try policy(currency)
            if delta > 0 {
                return try credit(.adjust, delta, currency, to: holder, at: at, pendingDays: 0, references)
            }
            try LedgerAmount.check(-delta)
            let draws = try draw(-delta, from: holder, currency, at: at)
            return try post(.adjust, currency, from: holder.account, to: .programIssued, -delta, at: at, references, draws: draws)
        }
    }

    func credit(
        _ kind: LedgerPosting.Kind, _ amount: Int64, _ currency: String, to holder: LedgerHolder,
        at: Timestamp, pendingDays: Int, _ references: LedgerPosting.References
    ) throws -> LedgerPosting {
        try LedgerAmount.check(amount)
        let expiresAt = try policy(currency).expiry.expiresAt(earnedAt: at)
        let lot = try createLot(
            holder, currency, amount, earnedAt: at, availableAt: at.adding(milliseconds: Self.days(pendingDays)),
            expiresAt: expiresAt
        )
        let posting = try post(kind, currency, from: .programIssued, to: holder.account, amount, at: at, references, createdLots: [lot.id])
        try repayDebt(of: holder, currency, at: at)
        return posting
    }
}
