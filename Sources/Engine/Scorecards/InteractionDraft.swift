/// An interaction as posted, validated from a `POST /v1/interactions` body: shape problems all at
/// once (400), then its completion time against the event window (422), since it is also an event.
public struct InteractionDraft: Sendable, Equatable {
    public var id: String
    public var supplierID: String
    public var templateID: String
    public var reference: String?
    public var dueAt: Timestamp?
    public var startedAt: Timestamp?
    public var completedAt: Timestamp
    public var ratings: [String: Int64]
    public var flags: [String]
    public var comment: String?
    public var ratedBy: String?
    public var tip: Interaction.Tip?
    public var fingerprint: String

    public static let ratingsMax = 20
    public static let flagsMax = 20

    public static func parse(_ body: JSONValue, now: Timestamp, window: EventTimeWindow = EventTimeWindow()) throws(DomainError) -> InteractionDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys([
            "id", "supplier_id", "template_id", "reference", "due_at", "started_at", "completed_at", "ratings", "flags", "comment", "rated_by",
            "tip",
        ])
        let id = reader.string("id", required: true, rule: .identifier)
        let supplierID = reader.string("supplier_id", required: true, rule: .identifier)
        let templateID = reader.string("template_id", required: true, rule: .identifier)
        let reference = reader.string("reference", required: false, rule: .text(max: 200))
        let dueAt = RuleParser.instant(reader, "due_at")
        let startedAt = RuleParser.instant(reader, "started_at")
        let completedAt = RuleParser.instant(reader, "completed_at")
        let ratings = parseRatings(reader)
        let flags = reader.stringList("flags", required: false, rule: .word, countMax: flagsMax) ?? []
        let comment = reader.string("comment", required: false, rule: .text(max: 2000))
        let ratedBy = reader.string("rated_by", required: false, rule: .identifier)
        let tip = reader.object("tip", required: false).flatMap { object -> Interaction.Tip? in
            let tip = FieldReader(object, path: reader.pathOf("tip"), report: report)
            tip.rejectUnknownKeys(["amount", "currency"])
            let amount = tip.integer("amount", required: true, range: 1...LedgerAmount.perPostingMax)
            let currency = tip.string("currency", required: true, rule: .word)
            guard let amount, let currency else { return nil }
            return Interaction.Tip(amount: amount, currency: currency)
        }
        if case .some(.some(let start)) = startedAt, case .some(.some(let end)) = completedAt, start > end {
            report.add(reader.pathOf("started_at"), "must not be after completed_at")
        }
        try report.check()
        guard let id, let supplierID, let templateID, let dueAt, let startedAt, let completedAt else { fatalError("problems were reported") }
        let completed = completedAt ?? now
        if !window.accepts(completed, now: now) {
            throw .unprocessable([ValidationError(
                path: reader.pathOf("completed_at"),
                message: "must be at most \(window.pastMs / 86_400_000) days in the past and \(window.futureMs / 60_000) minutes in the future")])
        }
        var fingerprinted = body.objectValue ?? JSONObject()
        if completedAt == nil { fingerprinted["completed_at"] = nil }
        return InteractionDraft(
            id: id, supplierID: supplierID, templateID: templateID, reference: reference, dueAt: dueAt, startedAt: startedAt,
            completedAt: completed, ratings: ratings, flags: flags, comment: comment, ratedBy: ratedBy, tip: tip,
            fingerprint: ContentFingerprint.of(.object(fingerprinted)))
    }

    /// `{"service": 5, "quality": 4}`: dimensions rated 1 to 5.
    private static func parseRatings(_ reader: FieldReader) -> [String: Int64] {
        guard let object = reader.object("ratings", required: false) else { return [:] }
        let ratings = FieldReader(object, path: reader.pathOf("ratings"), report: reader.report)
        if object.count > ratingsMax { reader.report.add(reader.pathOf("ratings"), "at most \(ratingsMax) dimensions") }
        var found: [String: Int64] = [:]
        for key in object.keys {
            if let problem = TextRule.word.problem(with: key) {
                reader.report.add(ratings.pathOf(key), "a dimension \(problem)")
                continue
            }
            if let value = ratings.integer(key, required: true, range: 1...5) { found[key] = value }
        }
        return found
    }

    public func interaction(recordedAt: Timestamp) -> Interaction {
        Interaction(
            id: id, supplierID: supplierID, templateID: templateID, reference: reference, dueAt: dueAt, startedAt: startedAt,
            completedAt: completedAt, ratings: ratings, flags: flags, comment: comment, ratedBy: ratedBy, tip: tip, recordedAt: recordedAt,
            fingerprint: fingerprint)
    }
}
