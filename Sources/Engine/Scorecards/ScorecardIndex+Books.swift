/// How `ScorecardIndex` keeps its books: loading a template from the store, folding the
/// interaction log into it, and ranking a book's suppliers at a moment.
extension ScorecardIndex {
    /// The supplier's sums at `now`: kept while they hold, else computed again over what is left
    /// in the window (what left it more than `trimGraceMs` ago is dropped for good).
    static func sums(of supplier: inout Supplier, template: ScorecardTemplate, now: Timestamp) -> ScorecardSums {
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
    static func rank(_ book: inout Book, now: Timestamp) -> ScorecardRanking {
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
    static func loadIfNeeded(_ template: ScorecardTemplate, now: Timestamp, state: inout State, store: any StoreReader) throws {
        if let book = state.books[template.id], book.template == template, now >= book.readUpTo { return }
        var book = Book(template: template, readUpTo: now)
        let from = now.adding(milliseconds: -template.windowDays * 86_400_000 - trimGraceMs)
        try store.forEachInteraction(templateID: template.id, completedFrom: from) { interaction in
            // Oldest first: appending keeps each supplier's list in order.
            book.suppliers[interaction.supplierID, default: Supplier()].interactions.append(ScoredInteraction(interaction, template: template))
        }
        state.books[template.id] = book
    }

    /// Folds the log rows after the cursor into the books loaded (the others load whole when read).
    static func catchUp(_ state: inout State, store: any StoreReader) throws {
        let position = try store.interactionLogPosition()
        guard position > state.cursor else { return }
        guard !state.books.isEmpty else { return state.cursor = position }
        for line in try logLines(after: state.cursor, upTo: position, in: store) { fold(line.interaction, into: &state.books) }
        state.cursor = position
    }

    /// The log rows after `seq` up to `position` (the log's end as `store` sees it), page by page.
    static func logLines(after seq: Int64, upTo position: Int64, in store: any StoreReader) throws -> [LoggedInteraction] {
        var lines: [LoggedInteraction] = []
        while (lines.last?.seq ?? seq) < position {
            let page = try store.interactionLog(after: lines.last?.seq ?? seq, limit: foldPageRows)
            guard !page.isEmpty else { break }
            lines += page
        }
        return lines
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
        let index = interactions.position(completedAt: interaction.completedAt, id: interaction.id)
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

extension Array where Element == ScoredInteraction {
    /// Where the interaction completed at `completedAt` with `id` is, or would go, in a list kept
    /// in (completion, id) order: a binary search.
    func position(completedAt: Timestamp, id: String) -> Int {
        partitioningIndex { $0.completedAt > completedAt || ($0.completedAt == completedAt && $0.id >= id) }
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
