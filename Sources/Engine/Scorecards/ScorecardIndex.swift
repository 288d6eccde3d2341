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

    /// The longest log tail the writer walks for a supplier's changes since the last fold (about
    /// 0.1 µs a row); past it, folds are lagging and it reads the supplier's window instead.
    public static let writerLogRowsMax: Int64 = 2_000

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
    /// made less than `reuseMs` earlier when nothing it shows was written since. The ranking is
    /// taken under the lock; rendering it (names read, JSON or CSV written: milliseconds for a
    /// thousand suppliers) is not, so that scorecard reads and the writer never wait on it.
    public func rendered(
        _ template: ScorecardTemplate, format: String, now: Timestamp, in store: any StoreReader,
        render: (ScorecardRanking) throws -> [UInt8]
    ) throws -> [UInt8] {
        let key = template.id + " " + format
        let namesGeneration = try store.organizationNamesGeneration()
        let taken = try state.withLock { state throws -> (bytes: [UInt8]?, ranking: ScorecardRanking?, cursor: Int64, at: Timestamp) in
            try Self.catchUp(&state, store: store)
            if let kept = state.rendered[key], kept.template == template, kept.cursor == state.cursor, kept.namesGeneration == namesGeneration,
               now.adding(milliseconds: Self.readBehindToleranceMs) >= kept.at, now < kept.at.adding(milliseconds: Self.reuseMs) {
                return (kept.bytes, nil, state.cursor, kept.at)
            }
            let now = try Self.prepare(template, now: now, state: &state, store: store)
            return (nil, Self.rank(&state.books[template.id]!, now: now), state.cursor, now)
        }
        if let bytes = taken.bytes { return bytes }
        let bytes = try render(taken.ranking!)
        if let namesGeneration {
            // Kept with what it was made from: a fold meanwhile leaves it unused (its cursor is behind).
            state.withLock { state in
                if (state.rendered[key]?.cursor ?? .min) <= taken.cursor {
                    state.rendered[key] = Rendered(template: template, cursor: taken.cursor, namesGeneration: namesGeneration, at: taken.at, bytes: bytes)
                }
            }
        }
        return bytes
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
            // In place: copying the book out would copy its template and suppliers on every interaction.
            guard state.books[template.id]?.template == template,
                  let readUpTo = state.books[template.id]?.readUpTo, at.adding(milliseconds: Self.trimGraceMs) >= readUpTo else { return nil }
            return (state.books[template.id]?.suppliers[supplierID]?.interactions ?? [], state.cursor)
        }
    }

    /// Folds what was written since the last read and loads the template's book if needed; the
    /// moment to read at.
    static func prepare(_ template: ScorecardTemplate, now: Timestamp, state: inout State, store: any StoreReader) throws -> Timestamp {
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

    /// Folds what was written since the last fold into the books loaded, loading none. The log is
    /// read outside the lock, so that the writer (`folded`) and reads never wait on this query;
    /// if another fold moved the cursor meanwhile, what was read is dropped (that fold has it).
    public func catchUp(in store: any StoreReader) throws {
        let (from, loaded) = state.withLock { ($0.cursor, !$0.books.isEmpty) }
        guard loaded else { return }
        let position = try store.interactionLogPosition()
        guard position > from else { return }
        let lines = try Self.logLines(after: from, upTo: position, in: store)
        state.withLock { state in
            guard state.cursor == from else { return }
            for line in lines { Self.fold(line.interaction, into: &state.books) }
            state.cursor = position
        }
    }

    /// Forgets everything, so that the next read loads from the store again.
    public func reset() {
        state.withLock { $0 = State() }
    }
}
