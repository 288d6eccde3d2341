import Synchronization

/// Every template's suppliers, in memory: their counted interactions in the window and the sums
/// their scorecards are read from (`ScorecardSums`), so that a scorecard or a whole ranking costs
/// a few operations per supplier instead of a pass over every interaction. Folded from the
/// interaction log (commit order) and brought up to date with a store snapshot before each read,
/// so that a read sees every write answered before it. Nothing here is stored: a template is
/// loaded from the store at its first read, and again when its definition changes or a read
/// goes back in time (a clock set back), and the result is always what the store says.
public final class ScorecardIndex: Sendable {
    struct Supplier: Sendable {
        /// Counted interactions that may still be in the window, by completion then id.
        var interactions: [Interaction] = []
        /// Nil after a change, until the next read computes them.
        var sums: ScorecardSums?
    }

    struct Book: Sendable {
        var template: ScorecardTemplate
        /// The latest moment read: a read before it reloads the book, so that interactions that
        /// left the window (and are dropped) can never be needed again.
        var readUpTo: Timestamp
        var suppliers: [String: Supplier] = [:]
    }

    struct State: Sendable {
        /// The last interaction log seq folded into every book.
        var cursor: Int64 = 0
        var books: [String: Book] = [:]
    }

    /// Log rows read per query while folding.
    static let foldPageRows = 5_000

    private let state = Mutex<State>(State())

    public init() {}

    /// The template's ranking at `now`, as the store shows it.
    public func ranking(_ template: ScorecardTemplate, now: Timestamp, in store: any StoreReader) throws -> ScorecardRanking {
        try state.withLock { state throws -> ScorecardRanking in
            try Self.catchUp(&state, store: store)
            try Self.loadIfNeeded(template, now: now, state: &state, store: store)
            return Self.rank(&state.books[template.id]!, now: now)
        }
    }

    /// Forgets everything, so that the next read loads from the store again.
    public func reset() {
        state.withLock { $0 = State() }
    }

    /// The supplier's sums at `now`: kept while they hold, else computed again over what is left
    /// in the window (what left it is dropped for good).
    private static func sums(of supplier: inout Supplier, template: ScorecardTemplate, now: Timestamp) -> ScorecardSums {
        if let sums = supplier.sums, sums.holds(at: now) { return sums }
        let windowStart = now.adding(milliseconds: -template.windowDays * 86_400_000)
        if let kept = supplier.interactions.firstIndex(where: { $0.completedAt >= windowStart }) {
            supplier.interactions.removeFirst(kept)
        } else {
            supplier.interactions.removeAll()
        }
        let sums = ScorecardSums(template, interactions: supplier.interactions, now: now)
        supplier.sums = sums
        return sums
    }

    /// Every supplier with an interaction in the window, ranked; suppliers left with none are
    /// dropped. Mutates the book in place (no copy of its suppliers per read).
    private static func rank(_ book: inout Book, now: Timestamp) -> ScorecardRanking {
        book.readUpTo = now
        var cards: [Scorecard] = []
        cards.reserveCapacity(book.suppliers.count)
        var emptied: [String] = []
        var index = book.suppliers.values.startIndex
        while index != book.suppliers.values.endIndex {
            let supplierID = book.suppliers.keys[index]
            let sums = sums(of: &book.suppliers.values[index], template: book.template, now: now)
            if sums.interactions > 0 { cards.append(sums.scorecard(book.template, supplierID: supplierID, now: now)) }
            if book.suppliers.values[index].interactions.isEmpty { emptied.append(supplierID) }
            book.suppliers.values.formIndex(after: &index)
        }
        for supplierID in emptied { book.suppliers[supplierID] = nil }
        return ScorecardRanking.ordered(book.template, cards: cards)
    }

    /// Loads the template's book from the store when missing, defined otherwise, or asked about
    /// a moment before its latest read.
    private static func loadIfNeeded(_ template: ScorecardTemplate, now: Timestamp, state: inout State, store: any StoreReader) throws {
        if let book = state.books[template.id], book.template == template, now >= book.readUpTo { return }
        var book = Book(template: template, readUpTo: now)
        let from = now.adding(milliseconds: -template.windowDays * 86_400_000)
        for interaction in try store.interactions(templateID: template.id, completedFrom: from) {
            // By supplier, oldest first: appending keeps each supplier's order.
            book.suppliers[interaction.supplierID, default: Supplier()].interactions.append(interaction)
        }
        state.books[template.id] = book
    }

    /// Folds the log rows after the cursor into the books loaded (the others load whole when read).
    private static func catchUp(_ state: inout State, store: any StoreReader) throws {
        let position = try store.interactionLogPosition()
        guard position > state.cursor else { return }
        guard !state.books.isEmpty else { return state.cursor = position }
        while state.cursor < position {
            let page = try store.interactionLog(after: state.cursor, limit: foldPageRows)
            for line in page { fold(line.interaction, into: &state.books) }
            guard let last = page.last else { break }
            state.cursor = last.seq
        }
        state.cursor = max(state.cursor, position)
    }

    /// An interaction recorded or whose status changed: in its supplier's list while it counts,
    /// out of it otherwise. Its completion time never changes, so it is found by it.
    static func fold(_ interaction: Interaction, into books: inout [String: Book]) {
        guard books[interaction.templateID] != nil else { return }
        var supplier = books[interaction.templateID]?.suppliers[interaction.supplierID] ?? Supplier()
        let key = (interaction.completedAt, interaction.id)
        let index = supplier.interactions.partitioningIndex { ($0.completedAt, $0.id) >= key }
        let present = index < supplier.interactions.count && supplier.interactions[index].id == interaction.id
        switch (interaction.status == .counted, present) {
        case (true, false): supplier.interactions.insert(interaction, at: index)
        case (true, true): supplier.interactions[index] = interaction
        case (false, true): supplier.interactions.remove(at: index)
        case (false, false): return
        }
        supplier.sums = nil
        books[interaction.templateID]?.suppliers[interaction.supplierID] = supplier
    }
}

extension Array {
    /// The first index whose element satisfies `belongsAfter`, for a predicate false then true
    /// along the array (a binary search).
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
