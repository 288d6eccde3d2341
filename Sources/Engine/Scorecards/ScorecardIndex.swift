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
        /// Counted interactions that may still be in the window, by completion then id, reduced
        /// to what scoring reads.
        var interactions: [ScoredInteraction] = []
        /// Nil after a change, until the next read computes them.
        var sums: ScorecardSums?
    }

    struct Book: Sendable {
        var template: ScorecardTemplate
        /// The latest moment read: a read before it reloads the book, so that interactions that
        /// left the window (and are dropped) can never be needed again.
        var readUpTo: Timestamp
        var suppliers: [String: Supplier] = [:]
        /// The latest ranking and when it was made; nil after a change. Every scorecard read
        /// shows its supplier's standing, which needs every supplier's score, sorted.
        var ranked: ScorecardRanking?
        var rankedAt = Timestamp(millisecondsSinceEpoch: .min)
    }

    /// A ranking as last rendered in one format, with what it was rendered from.
    struct Rendered: Sendable {
        var template: ScorecardTemplate
        var cursor: Int64
        var namesGeneration: Int64
        var at: Timestamp
        var bytes: [UInt8]
    }

    struct State: Sendable {
        /// The last interaction log seq folded into every book.
        var cursor: Int64 = 0
        var books: [String: Book] = [:]
        /// By template id and format.
        var rendered: [String: Rendered] = [:]
    }

    /// Log rows read per query while folding.
    static let foldPageRows = 5_000

    /// Interactions are kept this long past the window's edge (and loaded from that far back), so
    /// that a write answering as of a moment a little before the latest read still finds every
    /// interaction in its own window (`folded`).
    static let trimGraceMs: Int64 = 60_000

    /// Concurrent reads reach the index a little out of order: one that asks about a moment up to
    /// this long before the latest read is answered as of the latest read (decay a few seconds
    /// on), instead of reloading the book. Further back is a clock set back: the book reloads.
    static let readBehindToleranceMs: Int64 = 5_000

    private let state = Mutex<State>(State())

    public init() {}

    /// The template's ranking at `now`, as the store shows it.
    public func ranking(_ template: ScorecardTemplate, now: Timestamp, in store: any StoreReader) throws -> ScorecardRanking {
        try state.withLock { state throws -> ScorecardRanking in
            let now = try Self.prepare(template, now: now, state: &state, store: store)
            return Self.rank(&state.books[template.id]!, now: now)
        }
    }

    /// A ranking moves with time only by decay (a half-life of days) between writes: once made
    /// (and rendered: a thousand suppliers make 200 KB of JSON), it answers for this long,
    /// unless an interaction, the template or (rendered) a name changed.
    static let reuseMs: Int64 = 1_000

    /// The template's ranking at `now` rendered by `render` (as `format`), or the same rendering
    /// made less than `reuseMs` earlier when nothing it shows was written since.
    public func rendered(
        _ template: ScorecardTemplate, format: String, now: Timestamp, in store: any StoreReader,
        render: (ScorecardRanking) throws -> [UInt8]
    ) throws -> [UInt8] {
        try state.withLock { state throws -> [UInt8] in
            try Self.catchUp(&state, store: store)
            let key = template.id + " " + format
            let namesGeneration = try store.organizationNamesGeneration()
            if let kept = state.rendered[key], kept.template == template, kept.cursor == state.cursor, kept.namesGeneration == namesGeneration,
               now.adding(milliseconds: Self.readBehindToleranceMs) >= kept.at, now < kept.at.adding(milliseconds: Self.reuseMs) {
                return kept.bytes
            }
            let now = try Self.prepare(template, now: now, state: &state, store: store)
            let bytes = try render(Self.rank(&state.books[template.id]!, now: now))
            if let namesGeneration {
                state.rendered[key] = Rendered(template: template, cursor: state.cursor, namesGeneration: namesGeneration, at: now, bytes: bytes)
            }
            return bytes
        }
    }

    /// The supplier's full scorecard (nil without interactions in the window) and the ranking it
    /// stands in, both at the same moment.
    public func scorecard(
        of supplierID: String, _ template: ScorecardTemplate, now: Timestamp, in store: any StoreReader
    ) throws -> (card: Scorecard?, ranking: ScorecardRanking) {
        try state.withLock { state throws -> (card: Scorecard?, ranking: ScorecardRanking) in
            let now = try Self.prepare(template, now: now, state: &state, store: store)
            let ranking = Self.rank(&state.books[template.id]!, now: now)
            guard state.books[template.id]!.suppliers[supplierID] != nil else { return (nil, ranking) }
            let sums = Self.sums(of: &state.books[template.id]!.suppliers[supplierID]!, template: template, now: now)
            return (sums.scorecard(template, supplierID: supplierID, now: now), ranking)
        }
    }

    /// For the writer, which must not fold what it has not committed: the supplier's counted
    /// interactions as last folded (every one in the window at `at`, and some older) and the log
    /// seq they were folded up to; what the log holds for the supplier after it completes them.
    /// Nil when the template's book is not loaded, is of another definition, or was read too far
    /// past `at` (interactions `at`'s window needs may have been dropped).
    public func folded(supplierID: String, template: ScorecardTemplate, at: Timestamp) -> (interactions: [ScoredInteraction], cursor: Int64)? {
        state.withLock { state in
            guard let book = state.books[template.id], book.template == template,
                  at.adding(milliseconds: Self.trimGraceMs) >= book.readUpTo else { return nil }
            return (book.suppliers[supplierID]?.interactions ?? [], state.cursor)
        }
    }

    /// Folds what was written since the last read and loads the template's book if needed; the
    /// moment to read at.
    private static func prepare(_ template: ScorecardTemplate, now: Timestamp, state: inout State, store: any StoreReader) throws -> Timestamp {
        try catchUp(&state, store: store)
        if let book = state.books[template.id], book.template == template, now < book.readUpTo,
           now.adding(milliseconds: readBehindToleranceMs) >= book.readUpTo {
            return book.readUpTo
        }
        try loadIfNeeded(template, now: now, state: &state, store: store)
        return now
    }

    /// Loads every template's book and folds what was written since the last read, so that reads
    /// find them ready (run by the background refresher; reads would be correct without it).
    public func refresh(now: Timestamp, in store: any StoreReader) throws {
        var templates: [ScorecardTemplate] = []
        var page = PageRequest(limit: 500)
        while true {
            let batch = try store.scorecardTemplates(page: page)
            templates += batch.items
            guard let next = batch.nextAfter else { break }
            page = PageRequest(limit: 500, after: next)
        }
        let ids = Set(templates.map(\.id))
        try state.withLock { state throws in
            try Self.catchUp(&state, store: store)
            // A deleted template's book goes (a read of one made meanwhile loads it again).
            state.books = state.books.filter { ids.contains($0.key) }
            for template in templates where !(state.books[template.id].map { $0.template == template } ?? false) {
                try Self.loadIfNeeded(template, now: now, state: &state, store: store)
            }
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
        let keptFrom = now.adding(milliseconds: -template.windowDays * 86_400_000 - trimGraceMs)
        if let kept = supplier.interactions.firstIndex(where: { $0.completedAt >= keptFrom }) {
            supplier.interactions.removeFirst(kept)
        } else {
            supplier.interactions.removeAll()
        }
        let sums = ScorecardSums(template, scored: supplier.interactions, now: now)
        supplier.sums = sums
        return sums
    }

    /// Every supplier with an interaction in the window, ranked; suppliers left with none are
    /// dropped. Mutates the book in place (no copy of its suppliers per read).
    private static func rank(_ book: inout Book, now: Timestamp) -> ScorecardRanking {
        if let ranked = book.ranked, now.adding(milliseconds: readBehindToleranceMs) >= book.rankedAt,
           now < book.rankedAt.adding(milliseconds: reuseMs) {
            return ranked
        }
        book.readUpTo = max(book.readUpTo, now)
        var entries: [ScorecardRanking.Entry] = []
        entries.reserveCapacity(book.suppliers.count)
        var emptied: [String] = []
        var index = book.suppliers.values.startIndex
        while index != book.suppliers.values.endIndex {
            let supplierID = book.suppliers.keys[index]
            let sums = sums(of: &book.suppliers.values[index], template: book.template, now: now)
            if sums.interactions > 0 { entries.append(sums.entry(book.template, supplierID: supplierID, now: now)) }
            if book.suppliers.values[index].interactions.isEmpty { emptied.append(supplierID) }
            book.suppliers.values.formIndex(after: &index)
        }
        for supplierID in emptied { book.suppliers[supplierID] = nil }
        let ranking = ScorecardRanking.ordered(book.template, entries: entries)
        book.ranked = ranking
        book.rankedAt = now
        return ranking
    }

    /// Loads the template's book from the store when missing, defined otherwise, or asked about
    /// a moment before its latest read.
    private static func loadIfNeeded(_ template: ScorecardTemplate, now: Timestamp, state: inout State, store: any StoreReader) throws {
        if let book = state.books[template.id], book.template == template, now >= book.readUpTo { return }
        var book = Book(template: template, readUpTo: now)
        let from = now.adding(milliseconds: -template.windowDays * 86_400_000 - trimGraceMs)
        try store.forEachInteraction(templateID: template.id, completedFrom: from) { interaction in
            // By supplier, oldest first: appending keeps each supplier's order.
            book.suppliers[interaction.supplierID, default: Supplier()].interactions.append(ScoredInteraction(interaction, template: template))
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
        // In place: a copy of a supplier with thousands of interactions per fold would be quadratic.
        let template = books[interaction.templateID]!.template
        books[interaction.templateID]!.suppliers[interaction.supplierID, default: Supplier()].fold(interaction, template: template)
        books[interaction.templateID]!.ranked = nil
    }
}

extension ScorecardIndex.Supplier {
    mutating func fold(_ interaction: Interaction, template: ScorecardTemplate) {
        let key = (interaction.completedAt, interaction.id)
        let index = interactions.partitioningIndex { ($0.completedAt, $0.id) >= key }
        let present = index < interactions.count && interactions[index].id == interaction.id
        switch (interaction.status == .counted, present) {
        case (true, false): interactions.insert(ScoredInteraction(interaction, template: template), at: index)
        case (true, true): interactions[index] = ScoredInteraction(interaction, template: template)
        case (false, true): interactions.remove(at: index)
        case (false, false): return
        }
        sums = nil
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
