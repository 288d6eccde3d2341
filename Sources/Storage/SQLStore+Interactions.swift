import Engine
import SQLite

extension SQLStore {
    private static let interactionColumns =
        "id, supplier_id, template_id, reference, due_at, started_at, completed_at, ratings, flags, comment, rated_by, tip, recorded_at, fingerprint, status"

    /// The same, named by table where another table with some of the same columns is joined.
    private static let qualifiedInteractionColumns = interactionColumns.split(separator: ",")
        .map { "interactions." + $0.trimmingCharacters(in: .whitespaces) + " AS " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    func interaction(id: String) throws -> Interaction? {
        try connection.queryOne("SELECT \(Self.interactionColumns) FROM interactions WHERE id = ?", [.text(id)]).map(Self.interaction)
    }

    func interactionAnswer(id: String) throws -> JSONValue? {
        try connection.queryOne(
            "SELECT answer FROM interactions JOIN interaction_answers ON interaction_answers.seq = interactions.answer_seq WHERE interactions.id = ?",
            [.text(id)]
        ).flatMap { try $0.json("answer") }
    }

    func interactions(supplierID: String, templateID: String, completedFrom from: Timestamp) throws -> [Interaction] {
        try connection.query(
            """
            SELECT \(Self.interactionColumns) FROM interactions
            WHERE supplier_id = ? AND template_id = ? AND completed_at >= ? AND status = 'counted' ORDER BY completed_at, id
            """, [.text(supplierID), .text(templateID), SQLiteValue(from)]
        ).map(Self.interaction)
    }

    func interactions(filter: InteractionFilter, page: PageRequest) throws -> Page<Interaction> {
        // The cursor is "<completed_at ms>/<id>" of the last one shown, newest first.
        let after = TimeCursor(page.after)
        // A supplier's list walks the supplier's index; any other walks every interaction by
        // completion. (One statement with `?1 IS NULL OR supplier_id = ?1` is planned before the
        // parameters are known, so it could only ever take the second way.)
        let supplier = filter.supplierID == nil ? "?1 IS NULL" : "supplier_id = ?1"
        let rows = try connection.query(
            """
            SELECT \(Self.interactionColumns) FROM interactions
            WHERE \(supplier) AND (?2 IS NULL OR template_id = ?2)
                AND (?3 IS NULL OR completed_at >= ?3) AND (?4 IS NULL OR completed_at < ?4)
                AND (?5 IS NULL OR completed_at < ?5 OR (completed_at = ?5 AND id < ?6))
            ORDER BY completed_at DESC, id DESC LIMIT ?7
            """,
            [SQLiteValue(filter.supplierID), SQLiteValue(filter.templateID), SQLiteValue(filter.from), SQLiteValue(filter.to),
             SQLiteValue(after?.at), SQLiteValue(after?.id), .integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.interaction), limit: page.limit) { TimeCursor.after($0.completedAt, $0.id) }
    }

    func interactions(templateID: String, completedFrom from: Timestamp) throws -> [Interaction] {
        var interactions: [Interaction] = []
        try forEachInteraction(templateID: templateID, completedFrom: from) { interactions.append($0) }
        return interactions
    }

    func forEachInteraction(templateID: String, completedFrom from: Timestamp, _ body: (Interaction) throws -> Void) throws {
        try connection.forEachRow(
            """
            SELECT \(Self.interactionColumns) FROM interactions
            WHERE template_id = ? AND completed_at >= ? AND status = 'counted' ORDER BY completed_at, id
            """, [.text(templateID), SQLiteValue(from)]
        ) { try body(try Self.interaction($0)) }
    }

    func interactionLogPosition() throws -> Int64 {
        try connection.queryOne("SELECT max(seq) AS seq FROM interaction_log", [])?.int64("seq") ?? 0
    }

    func interactionLog(after seq: Int64, limit: Int) throws -> [LoggedInteraction] {
        try connection.query(
            """
            SELECT seq, \(Self.qualifiedInteractionColumns)
            FROM interaction_log JOIN interactions ON interactions.id = interaction_log.interaction_id WHERE seq > ? ORDER BY seq LIMIT ?
            """, [.integer(seq), .integer(Int64(limit))]
        ).map { LoggedInteraction(seq: $0.int64("seq") ?? 0, interaction: try Self.interaction($0)) }
    }

    func interactionLog(after seq: Int64, supplierID: String, templateID: String, rowsMax: Int64) throws -> [Interaction]? {
        // Log seqs are rowids, one more per row and never deleted: the position says how many follow.
        guard try interactionLogPosition() - seq <= rowsMax else { return nil }
        // The rows after `seq`, in order, joined to their interactions (a join rather than
        // `id IN (subquery)`, which builds a temporary table on every call); an interaction logged
        // twice is kept once.
        var seen = Set<String>()
        return try connection.query(
            """
            SELECT \(Self.qualifiedInteractionColumns) FROM interaction_log JOIN interactions ON interactions.id = interaction_log.interaction_id
            WHERE interaction_log.seq > ? AND interaction_log.supplier_id = ? AND interaction_log.template_id = ?
            """, [.integer(seq), .text(supplierID), .text(templateID)]
        ).map(Self.interaction).filter { seen.insert($0.id).inserted }
    }

    func latestInteractionTemplate(supplierID: String) throws -> String? {
        try connection.queryOne(
            "SELECT template_id FROM interactions WHERE supplier_id = ? ORDER BY completed_at DESC, id DESC LIMIT 1", [.text(supplierID)]
        )?.string("template_id")
    }

    func insert(_ interaction: Interaction, answer: [UInt8]) throws {
        // The answer first, appended to its own table (migration 0030), then the row that names it.
        try connection.run("INSERT INTO interaction_answers (answer) VALUES (?)", [.text(String(decoding: answer, as: UTF8.self))])
        let answerSeq = connection.lastInsertRowID
        let ratings = JSONObject(interaction.ratings.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
        let tip = interaction.tip.map { JSONValue.object(JSONObject([("amount", .int($0.amount)), ("currency", .string($0.currency))])) }
        try connection.run(
            """
            INSERT INTO interactions (\(Self.interactionColumns), answer_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(interaction.id), .text(interaction.supplierID), .text(interaction.templateID), SQLiteValue(interaction.reference),
             SQLiteValue(interaction.dueAt), SQLiteValue(interaction.startedAt), SQLiteValue(interaction.completedAt),
             SQLiteValue(json: .object(ratings)), SQLiteValue(json: .array(interaction.flags.map(JSONValue.string))),
             SQLiteValue(interaction.comment), SQLiteValue(interaction.ratedBy), SQLiteValue(json: tip), SQLiteValue(interaction.recordedAt),
             .text(interaction.fingerprint), .text(interaction.status.rawValue), .integer(answerSeq)])
    }

    private static func interaction(_ row: SQLiteRow) throws -> Interaction {
        let ratings = try row.jsonObject("ratings").entries.reduce(into: [String: Int64]()) { $0[$1.key] = $1.value.intValue }
        let tip = try row.json("tip").flatMap(\.objectValue).flatMap { object -> Interaction.Tip? in
            guard let amount = object["amount"]?.intValue, let currency = object["currency"]?.stringValue else { return nil }
            return Interaction.Tip(amount: amount, currency: currency)
        }
        return Interaction(
            id: try row.requiredString("id"), supplierID: try row.requiredString("supplier_id"), templateID: try row.requiredString("template_id"),
            reference: row.string("reference"), dueAt: row.optionalTimestamp("due_at"), startedAt: row.optionalTimestamp("started_at"),
            completedAt: try row.timestamp("completed_at"), ratings: ratings,
            flags: try row.json("flags")?.arrayValue?.compactMap(\.stringValue) ?? [], comment: row.string("comment"),
            ratedBy: row.string("rated_by"), tip: tip, recordedAt: try row.timestamp("recorded_at"), fingerprint: try row.requiredString("fingerprint"),
            status: row.string("status").flatMap(Interaction.Status.init(rawValue:)) ?? .counted)
    }
}
