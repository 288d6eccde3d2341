extension Ledger {
    /// A redemption is placed: its cost moves from the holder's available lots to
    /// `redemption:<id>`, so the same points can never be spent twice.
    @discardableResult
    public func hold(
        _ amount: Int64, _ currency: String, from holder: LedgerHolder, redemptionID: String, at: Timestamp,
        references: LedgerPosting.References = .init()
    ) throws -> LedgerHold {
        try store.atomically {
            try LedgerAmount.check(amount)
            guard try policy(currency).redeemable else { throw LedgerError.notRedeemable(currency: currency) }
            guard try store.hold(redemptionID: redemptionID) == nil else { throw LedgerError.redemptionExists(redemptionID) }
            var references = references
            references.redemptionID = redemptionID
            let draws = try draw(amount, from: holder, currency, at: at)
            let posting = try post(.hold, currency, from: holder.account, to: .redemption(redemptionID), amount, at: at, references, draws: draws)
            let hold = LedgerHold(
                redemptionID: redemptionID, holder: holder, currency: currency, amount: amount, postingID: posting.id, state: .open
            )
            try store.save(hold)
            return hold
        }
    }

    /// The redemption is cancelled: the held points go back to exactly the lots they came from.
    @discardableResult
    public func release(redemptionID: String, at: Timestamp) throws -> LedgerPosting {
        try store.atomically {
            var hold = try openHold(redemptionID)
            guard let held = try store.posting(id: hold.postingID) else { preconditionFailure("a hold names its posting") }
            try restore(held.draws)
            let posting = try post(
                .release, hold.currency, from: hold.account, to: hold.holder.account, hold.amount, at: at,
                .init(redemptionID: redemptionID), draws: held.draws
            )
            hold.state = .released
            try store.save(hold)
            try repayDebt(of: hold.holder, hold.currency, at: at)
            return posting
        }
    }

    /// The redemption is fulfilled: the held points are redeemed for good.
    @discardableResult
    public func settle(redemptionID: String, at: Timestamp) throws -> LedgerPosting {
        try store.atomically {
            var hold = try openHold(redemptionID)
            let posting = try post(
                .settle, hold.currency, from: hold.account, to: .programRedeemed, hold.amount, at: at,
                .init(redemptionID: redemptionID)
            )
            hold.state = .settled
            try store.save(hold)
            return posting
        }
    }

    private func openHold(_ redemptionID: String) throws -> LedgerHold {
        guard let hold = try store.hold(redemptionID: redemptionID) else { throw LedgerError.unknownRedemption(redemptionID) }
        guard hold.state == .open else { throw LedgerError.redemptionClosed(redemptionID) }
        return hold
    }
}
