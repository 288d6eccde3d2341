extension Ledger {
    /// holder → program:redeemed from available lots, soonest expiry first.
    @discardableResult
    public func spend(
        _ amount: Int64, _ currency: String, from holder: LedgerHolder, at: Timestamp,
        references: LedgerPosting.References = .init()
    ) throws -> LedgerPosting {
        try store.atomically {
            try LedgerAmount.check(amount)
            guard try policy(currency).redeemable else { throw LedgerError.notRedeemable(currency: currency) }
            let draws = try draw(amount, from: holder, currency, at: at)
            return try post(.spend, currency, from: holder.account, to: .programRedeemed, amount, at: at, references, draws: draws)
        }
    }

    /// holder → holder from the sender's available lots. The receiver gets one lot per lot drawn,
    /// keeping its earn date and expiry (a gift does not extend points' life), available at once.
    @discardableResult
    public func transfer(
        _ amount: Int64, _ currency: String, from sender: LedgerHolder, to receiver: LedgerHolder, at: Timestamp,
        references: LedgerPosting.References = .init()
    ) throws -> LedgerPosting {
        guard sender != receiver else { throw LedgerError.sameAccount(sender.account) }
        return try store.atomically {
            try LedgerAmount.check(amount)
            _ = try policy(currency)
            let draws = try draw(amount, from: sender, currency, at: at)
            var created: [Int64] = []
            for draw in draws {
                guard let source = try store.lot(id: draw.lotID) else { preconditionFailure("a draw names a stored lot") }
                let lot = try createLot(receiver, currency, draw.amount, earnedAt: source.earnedAt, availableAt: at, expiresAt: source.expiresAt)
                created.append(lot.id)
            }
            let posting = try post(
                .transfer, currency, from: sender.account, to: receiver.account, amount, at: at, references,
                createdLots: created, draws: draws
            )
            try repayDebt(of: receiver, currency, at: at)
            return posting
        }
    }
}
