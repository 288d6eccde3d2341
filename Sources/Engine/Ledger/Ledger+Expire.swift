extension Ledger {
    /// Writes off what remains of every lot whose expiry is at or before `now`: one posting per
    /// lot, holder → program:expired. Maturing needs no posting: a lot is pending until its
    /// `availableAt`, and balances and spending read that against the time they are asked for.
    @discardableResult
    public func expire(now: Timestamp) throws -> [LedgerPosting] {
        try expire(try store.lotsExpired(at: now), now: now)
    }

    /// The same for at most `limit` lots (lowest ids first), so that the scheduler can write a big
    /// expiry off in bounded transactions; fewer than `limit` postings means none is left.
    @discardableResult
    public func expire(now: Timestamp, limit: Int) throws -> [LedgerPosting] {
        try expire(try store.lotsExpired(at: now, limit: limit), now: now)
    }

    private func expire(_ lots: [Lot], now: Timestamp) throws -> [LedgerPosting] {
        try store.atomically {
            var postings: [LedgerPosting] = []
            for var lot in lots {
                let amount = lot.remaining
                lot.expired = try LedgerAmount.add(lot.expired, amount)
                lot.remaining = 0
                try store.save(lot)
                postings.append(try post(
                    .expire, lot.currency, from: lot.holder.account, to: .programExpired, amount, at: now, .init(),
                    draws: [LotDraw(lotID: lot.id, amount: amount)]
                ))
            }
            return postings
        }
    }
}
