/// Reversal policy (an event is cancelled, a deal falls through):
///
/// - A spend or a debit adjustment is reversed by giving the points back to exactly the lots it
///   drew on (with their original expiry).
/// - An earn or a credit adjustment is reversed by taking back what remains of its lot, pending
///   or available. What the holder had already used from that lot (spent, held, transferred; not
///   what expired, which the program already took back) is the *shortfall*. Balances never go
///   negative and a reversal is never refused for it, because the event really was cancelled and
///   the program must be able to record that. So the shortfall is owed: a posting from the
///   holder's clawback account (`clawback:member:<id>`) to program:issued, leaving that account
///   negative by what is owed, paid at once from the holder's other lots (pending included) as far
///   as they go. From then on everything the holder receives (earns, credits,
///   restored lots, releases, transfers in) pays the debt first (`recover` postings). This is
///   how card-linked and B2B programs treat clawbacks: no negative spendable balance to confuse
///   members, no refusal that leaves a cancelled deal's points standing, and the debt is visible.
/// - Holds, releases, settlements, expiries, transfers and recoveries are not reversible: a hold
///   is undone by `release`, a transfer by a transfer back, and the rest are the program's own
///   bookkeeping. A reversal posting is not itself reversible.
extension Ledger {
    @discardableResult
    public func reverse(postingID: Int64, at: Timestamp) throws -> [LedgerPosting] {
        try store.atomically { try reverseOne(postingID, at: at) }
    }

    /// Reverses everything the event caused that is reversible and not yet reversed, newest first.
    @discardableResult
    public func reverse(eventID: String, at: Timestamp) throws -> [LedgerPosting] {
        try store.atomically {
            var reversals: [LedgerPosting] = []
            for posting in try store.postings(eventID: eventID).reversed() where Self.isReversible(posting) {
                guard !(try store.isReversed(postingID: posting.id)) else { continue }
                reversals += try reverseOne(posting.id, at: at)
            }
            return reversals
        }
    }

    static func isReversible(_ posting: LedgerPosting) -> Bool {
        guard posting.references.reversalOf == nil else { return false }
        return posting.kind == .earn || posting.kind == .spend || posting.kind == .adjust
    }

    private func reverseOne(_ postingID: Int64, at: Timestamp) throws -> [LedgerPosting] {
        guard let original = try store.posting(id: postingID) else { throw LedgerError.unknownPosting(postingID) }
        guard Self.isReversible(original) else { throw LedgerError.notReversible(postingID: postingID, kind: original.kind) }
        guard !(try store.isReversed(postingID: postingID)) else { throw LedgerError.alreadyReversed(postingID: postingID) }
        try store.markReversed(postingID: postingID)
        var references = original.references
        references.reversalOf = postingID
        if let holder = original.credit.holder {
            return try reverseCredit(original, to: holder, at: at, references)
        }
        guard let holder = original.debit.holder else { preconditionFailure("reversible postings touch a holder") }
        try restore(original.draws)
        let posting = try post(
            .reverse, original.currency, from: original.credit, to: original.debit, original.amount, at: at, references,
            draws: original.draws
        )
        try repayDebt(of: holder, original.currency, at: at)
        return [posting]
    }

    private func reverseCredit(
        _ original: LedgerPosting, to holder: LedgerHolder, at: Timestamp, _ references: LedgerPosting.References
    ) throws -> [LedgerPosting] {
        guard let lotID = original.createdLots.first, var lot = try store.lot(id: lotID) else {
            preconditionFailure("a credit posting names its lot")
        }
        let takeBack = lot.remaining
        let shortfall = original.amount - lot.remaining - lot.expired
        lot.remaining = 0
        lot.reversed = true
        try store.save(lot)
        var postings: [LedgerPosting] = []
        if takeBack > 0 {
            postings.append(try post(
                .reverse, original.currency, from: holder.account, to: original.debit, takeBack, at: at, references,
                draws: [LotDraw(lotID: lotID, amount: takeBack)]
            ))
        }
        if shortfall > 0 {
            postings.append(try post(.reverse, original.currency, from: holder.clawbackAccount, to: original.debit, shortfall, at: at, references))
            // Whatever else the holder holds pays the shortfall at once; only the rest stays owed.
            try repayDebt(of: holder, original.currency, at: at)
        }
        return postings
    }
}
