extension Ledger {
    /// Writes off what remains of every lot whose expiry is at or before `now`: one posting per
    /// lot, holder → program:expired. Maturing needs no posting: a lot is pending until its
    /// `availableAt`, and balances and spending read that against the time they are asked for.
    @discardableResult
    public func expire(now: Timestamp) throws -> [LedgerPosting] {
        try store.atomically {
            var postings: [LedgerPosting] = []
            for var lot in try store.lotsExpired(at: now) {
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
