import Engine
import Testing
import TestRandom

/// Recording an interaction answers with the supplier's updated scorecard, made from the
/// in-memory scorecards and what the log holds for the supplier since they last folded. It is
/// what scoring the store's window in the same transaction gives, whatever was folded or not,
/// disputed, recorded earlier in the same transaction, or left behind by time moving on.
@Suite struct InteractionAnswerStorageTests {
    typealias Index = ScorecardIndexStorageTests
    static let suppliers = ["a", "b", "c"]

    static func draft(_ id: String, supplier: String, completed: Int64, hoursLate: Int64, service: Int64?, now: Int64) throws -> InteractionDraft {
        var body = JSONObject([
            ("id", .string(id)), ("supplier_id", .string(supplier)), ("template_id", "t"),
            ("due_at", .string(at(completed - hoursLate * 3_600_000).rfc3339)), ("completed_at", .string(at(completed).rfc3339)),
        ])
        if let service { body["ratings"] = .object(JSONObject([("service", .int(service))])) }
        return try InteractionDraft.parse(.object(body), now: at(now))
    }

    /// Differences of the answer (one decimal) from the scorecard computed afresh, in words.
    static func differences(_ answer: JSONValue, from expected: Scorecard) -> [String] {
        let card = answer.objectValue?["scorecard"]?.objectValue ?? JSONObject()
        var found: [String] = []
        if card["interactions"]?.intValue != Int64(expected.interactions) { found.append("interactions") }
        let overall: Double? = switch card["overall"] {
        case .double(let value)?: value
        case .int(let value)?: Double(value)
        default: nil
        }
        if (overall == nil) != (expected.overall == nil) || abs((overall ?? 0) - (expected.overall ?? 0)) > 0.05 + 1e-9 { found.append("overall") }
        let kpis = card["kpis"]?.arrayValue?.compactMap(\.objectValue) ?? []
        for (kpi, result) in zip(kpis, expected.kpis) {
            if kpi["sample_size"]?.intValue != Int64(result.sampleSize) { found.append("\(result.kpi.id) sample size") }
            let ids = kpi["pulled_down_by"]?.arrayValue?.compactMap { $0.objectValue?["interaction_id"]?.stringValue }
            if ids != result.pulledDownBy.map(\.id) { found.append("\(result.kpi.id) pulled down by") }
        }
        return found
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theAnswerScoresWhatItsTransactionSees(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let db = try TestDatabase()
        let template = try Index.template(windowDays: 20)
        try db.write { try $0.save(template) }
        for supplier in Self.suppliers { try db.putOrganization(supplier, try organization(supplier, kind: "supplier")) }
        let index = ScorecardIndex()
        var now = Index.start
        var recorded: [String] = []
        var openDisputes: [String: String] = [:]
        var answered = 0
        for step in 0..<90 {
            switch random.below(10) {
            case 0..<5:
                // One to three in one transaction: the later ones must see the earlier, not yet committed.
                let drafts = try (0..<(1 + random.below(3))).map { n in
                    try Self.draft(
                        "i-\(step)-\(n)", supplier: random.pick(Self.suppliers), completed: now - Int64(random.below(24)) * Index.day,
                        hoursLate: Int64(random.below(48)) - 24, service: random.below(4) == 0 ? nil : Int64(1 + random.below(5)), now: now)
                }
                let moment = now
                let found = try db.write { store -> [String] in
                    try drafts.flatMap { draft in
                        let answer = try InteractionCommands.record(
                            draft, rules: [], context: change(integration, at: moment), timeZone: .utc, scorecards: index, in: store).answer
                        let window = try store.interactions(
                            supplierID: draft.supplierID, templateID: "t", completedFrom: at(moment - 20 * Index.day))
                        let expected = Scorecard.compute(template, supplierID: draft.supplierID, interactions: window, now: at(moment))
                        return Self.differences(answer, from: expected).map { "\(draft.id): \($0)" }
                    }
                }
                #expect(found.isEmpty, "step \(step), seed \(seed): \(found)")
                recorded += drafts.map(\.id)
                answered += drafts.count
            case 5..<7 where !recorded.isEmpty:
                try Index.disputeOrDecide(random.pick(recorded), &random, open: &openDisputes, id: "d-\(step)", now: now, in: db)
            case 7:
                // A read folds the log (and moves the time the index has read up to).
                let moment = at(now)
                _ = try db.read { store in try index.ranking(template, now: moment, in: store) }
            case 8:
                now += Int64(random.below(3)) * Index.day + Int64(random.below(24)) * 3_600_000
            default:
                let moment = at(now)
                try db.read { store in try index.refresh(now: moment, in: store) }
            }
        }
        #expect(answered > 60, "the history records enough to mean something")
    }
}
