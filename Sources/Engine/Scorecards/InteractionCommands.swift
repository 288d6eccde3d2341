/// Recording interactions and reading them. Recording one, in one transaction: check what it names,
/// process it as an `interaction.recorded` event of the supplier (so rules award suppliers too),
/// score it against its template, recompute the supplier's scorecard with it, and keep the answer
/// for a replay. Admin and integration keys record (the buyer's systems); whoever may see the
/// supplier reads.
public enum InteractionCommands {
    public struct Recorded: Sendable {
        public var id: String
        public var answer: JSONValue
        /// `answer` as JSON text: written once, both stored and sent.
        public var body: [UInt8]
        public var replayed: Bool
    }

    public static let eventType = "interaction.recorded"

    public static func record(
        _ draft: InteractionDraft, rules: [AwardPlanner.LiveRule], context: ChangeContext, timeZone: ProgramTimeZone,
        scorecards: ScorecardIndex? = nil, in store: any StoreWriter
    ) throws -> Recorded {
        if let principal = context.principal, !principal.managesDirectory {
            throw DomainError.forbidden("only admin and integration keys record interactions")
        }
        if let stored = try store.interaction(id: draft.id) {
            guard stored.fingerprint == draft.fingerprint, let answer = try store.interactionAnswer(id: draft.id) else {
                throw DomainError.unprocessable([ValidationError(path: "$.id", message: "already used for another interaction")])
            }
            return Recorded(id: draft.id, answer: answer, body: JSONWriter.bytes(answer), replayed: true)
        }
        var problems: [ValidationError] = []
        if try store.organization(id: draft.supplierID) == nil {
            problems.append(ValidationError(path: "$.supplier_id", message: "no such organization: \(draft.supplierID)"))
        }
        let template = try store.scorecardTemplate(id: draft.templateID)
        if template == nil { problems.append(ValidationError(path: "$.template_id", message: "no such scorecard template: \(draft.templateID)")) }
        if let ratedBy = draft.ratedBy, try store.member(id: ratedBy) == nil {
            problems.append(ValidationError(path: "$.rated_by", message: "no such member: \(ratedBy)"))
        }
        guard let template, problems.isEmpty else { throw DomainError.unprocessable(problems) }
        let interaction = draft.interaction(recordedAt: context.at)
        let results = template.kpis.compactMap { kpi in interaction.sample(of: kpi).map { (kpi, $0, kpi.score($0)) } }
        let event = try EventProcessor.process(
            eventDraft(interaction, score: overall(results)), rules: rules, context: context, timeZone: timeZone, in: store)
        let scorecard = try sums(with: interaction, template: template, at: context.at, scorecards: scorecards, in: store)
            .scorecard(template, supplierID: interaction.supplierID, now: context.at)
        let outcome = event.outcome.objectValue ?? JSONObject()
        let answer = JSONValue.object(JSONObject([
            ("interaction", interaction.json),
            ("kpis", .array(results.map { kpi, sample, score in
                .object(JSONObject([
                    ("id", .string(kpi.id)), ("kind", .string(kpi.kind.rawValue)), ("value", Scorecard.rounded(sample)),
                    ("score", Scorecard.rounded(score)), ("target", .int(kpi.target)), ("met_target", .bool(score >= 100)),
                ]))
            })),
            ("score", Scorecard.rounded(overall(results))),
            ("scorecard", scorecard.json),
            ("event", .object(JSONObject([
                ("id", .string(event.event.id)), ("postings", outcome["postings"] ?? .array([])), ("badges", outcome["badges"] ?? .array([])),
                ("tier_changes", outcome["tier_changes"] ?? .array([])),
            ]))),
        ]))
        let body = JSONWriter.bytes(answer)
        try store.insert(interaction, answer: body)
        return Recorded(id: interaction.id, answer: answer, body: body, replayed: false)
    }

    /// The sums of the supplier's counted interactions under the template as this transaction
    /// sees them, and the new one: those the in-memory scorecards folded, as the log since then
    /// changed them (the log's tail, kept short by folding after each commit), or when they cannot
    /// say, the store's window.
    static func sums(
        with interaction: Interaction, template: ScorecardTemplate, at: Timestamp, scorecards: ScorecardIndex?, in store: any StoreWriter
    ) throws -> ScorecardSums {
        var sums = ScorecardSums(template, now: at)
        if let (folded, cursor) = scorecards?.folded(supplierID: interaction.supplierID, template: template, at: at),
           let changed = try store.interactionLog(
               after: cursor, supplierID: interaction.supplierID, templateID: template.id, rowsMax: ScorecardIndex.writerLogRowsMax) {
            // Folded ones that changed since are counted as they are now, not as folded. The folded
            // list is in (completion, id) order, and a completion time never changes.
            let replaced = Set(changed.compactMap { now in
                let index = folded.position(completedAt: now.completedAt, id: now.id)
                return index < folded.count && folded[index].id == now.id ? index : nil
            })
            folded.withUnsafeBufferPointer { folded in
                for index in folded.indices where !replaced.contains(index) { sums.add(folded[index], template: template) }
            }
            for now in changed where now.status == .counted { sums.add(ScoredInteraction(now, template: template), template: template) }
        } else {
            let windowStart = at.adding(milliseconds: -template.windowDays * 86_400_000)
            for earlier in try store.interactions(supplierID: interaction.supplierID, templateID: template.id, completedFrom: windowStart) {
                sums.add(ScoredInteraction(earlier, template: template), template: template)
            }
        }
        sums.add(ScoredInteraction(interaction, template: template), template: template)
        return sums
    }

    /// This interaction's own score: the weighted mean of the KPIs it says something about.
    static func overall(_ results: [(ScorecardTemplate.KPI, Double, Double)]) -> Double? {
        let weight = results.reduce(0) { $0 + $1.0.weight }
        guard weight > 0 else { return nil }
        return results.reduce(0.0) { $0 + Double($1.0.weight) * $1.2 } / Double(weight)
    }

    /// The event the rules see: the supplier's, at the completion time, with the interaction's
    /// facts as properties (`on_time`, `hours_late`, `rating_<dimension>`, `flag_<flag>`, `score`).
    /// Its fingerprint is the interaction's: the event is made from the interaction alone, so the
    /// interaction's content identifies it as well, without hashing it a second time.
    static func eventDraft(_ interaction: Interaction, score: Double?) -> EventDraft {
        var properties = JSONObject([("interaction_id", .string(interaction.id)), ("template_id", .string(interaction.templateID))])
        if let reference = interaction.reference { properties["reference"] = .string(reference) }
        if let hoursLate = interaction.hoursLate {
            properties["on_time"] = .bool(hoursLate <= 0)
            properties["hours_late"] = .int(Int64(max(0, hoursLate).rounded(.up)))
        }
        for (dimension, rating) in interaction.ratings.sorted(by: { $0.key < $1.key }) { properties["rating_\(dimension)"] = .int(rating) }
        for flag in interaction.flags { properties["flag_\(flag)"] = .bool(true) }
        if let score { properties["score"] = .int(Int64(score.rounded())) }
        let id = "interaction:\(interaction.id)"
        return EventDraft(
            id: id, type: eventType, memberID: nil, organizationID: interaction.supplierID, occurredAt: interaction.completedAt,
            properties: properties, fingerprint: interaction.fingerprint)
    }

    public static func get(_ id: String, as principal: Principal, in store: any StoreReader) throws -> JSONValue {
        guard let interaction = try store.interaction(id: id), principal.canSee(organizationID: interaction.supplierID) else {
            throw DomainError.notFound(kind: "interaction", id: id)
        }
        // The answer as given, with the interaction as it is now (a dispute may have set it aside since).
        guard case .object(var answer)? = try store.interactionAnswer(id: id) else { return interaction.json }
        answer["interaction"] = interaction.json
        return .object(answer)
    }

    /// A partner key lists its own organization's interactions only.
    public static func list(filter: InteractionFilter, page: PageRequest, as principal: Principal, in store: any StoreReader) throws -> Page<Interaction> {
        var filter = filter
        if principal.role == .partner {
            if let asked = filter.supplierID, asked != principal.organizationID { return Page(items: [], nextAfter: nil) }
            filter.supplierID = principal.organizationID
        }
        return try store.interactions(filter: filter, page: page)
    }
}
