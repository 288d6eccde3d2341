/// Replays stored events against candidate rules and reports what they would have awarded beside
/// what was actually awarded. Read-only: it runs inside one read snapshot (the caller's
/// `ProgramStore.read`), so concurrent writes cannot skew it, and nothing is written — limits
/// count simulated usage in memory (`SimulatedRuleUsage`), counters read stored events up to each
/// event's time (`CountersAtEventTime`). Events are replayed oldest first, a page at a time.
public enum Simulator {
    public static func run(
        _ request: SimulationRequest, live: [AwardPlanner.LiveRule], limits: SimulationLimits = .standard, timeZone: ProgramTimeZone = .utc,
        in store: any StoreReader
    ) throws -> JSONValue {
        try checkReferences(request, in: store)
        let rules = try ruleSet(request, live: live, in: store)
        let filter = EventFilter(organizationID: request.organizationID, type: request.eventType, from: request.from, until: request.to)
        let eventCount = try store.eventCount(filter, countMax: limits.eventsMax)
        guard eventCount <= limits.eventsMax else {
            throw DomainError.unprocessable([ValidationError(
                path: "$.to", message: "the range holds more than \(limits.eventsMax) events; narrow it or filter by event_type or organization_id")])
        }
        var replay = Replay(
            rules: rules, usage: SimulatedRuleUsage(stored: store, from: request.from, timeZone: timeZone),
            tally: SimulationTally(rules: rules, samplesPerRule: request.samples), timeZone: timeZone)
        var after: String?
        repeat {
            let page = try store.eventsOldestFirst(filter, page: PageRequest(limit: limits.eventsPerPage, after: after))
            for event in page.items { try replay.event(event, in: store) }
            after = page.nextAfter
        } while after != nil
        return SimulationReport(request: request, rules: rules, live: live, tally: replay.tally).json
    }

    /// Candidates must name currencies and badges that exist, as when they are saved.
    private static func checkReferences(_ request: SimulationRequest, in store: any StoreReader) throws {
        var problems: [ValidationError] = []
        for (index, candidate) in request.candidates.enumerated() {
            let found = try RuleCatalogCommands.referenceProblems(candidate.rule, in: store)
            if !found.isEmpty, case .unprocessable(let nested) = DomainError.unprocessable(found).nested(under: "$.rules[\(index)]") {
                problems += nested
            }
        }
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
    }

    /// The rules the simulation runs. A candidate gets the version it would get if saved now.
    static func ruleSet(_ request: SimulationRequest, live: [AwardPlanner.LiveRule], in store: any RuleReader) throws -> [AwardPlanner.LiveRule] {
        let candidateIDs = Set(request.candidates.map(\.rule.id))
        let kept = request.mode == .add ? live.filter { !candidateIDs.contains($0.rule.id) } : []
        let candidates = try request.candidates.map { candidate in
            AwardPlanner.LiveRule(rule: candidate.rule, version: try store.latestRuleVersion(id: candidate.rule.id) + 1)
        }
        return (kept + candidates).sorted { $0.rule.id < $1.rule.id }
    }
}

/// The state of one replay: the simulated rule usage, the tier multipliers met so far, the tally.
private struct Replay {
    let rules: [AwardPlanner.LiveRule]
    let rulesByID: [String: Rule]
    let usage: SimulatedRuleUsage
    var tally: SimulationTally
    let timeZone: ProgramTimeZone
    /// The holder's current level, not the one at the event's time (levels have no history).
    var multipliers = TierMultipliers()
    /// Members and organizations as they are now (the answer's notes say so), each read once per
    /// run rather than once per replayed event.
    var members: [String: Member?] = [:]
    var organizations: [String: Organization?] = [:]

    init(rules: [AwardPlanner.LiveRule], usage: SimulatedRuleUsage, tally: SimulationTally, timeZone: ProgramTimeZone) {
        self.rules = rules
        self.rulesByID = Dictionary(uniqueKeysWithValues: rules.map { ($0.rule.id, $0.rule) })
        self.usage = usage
        self.tally = tally
        self.timeZone = timeZone
    }

    mutating func event(_ event: Event, in store: any StoreReader) throws {
        guard event.reversedAt == nil else { return tally.countReversed() }
        tally.countReplayed()
        let subject = AwardSubject(
            event, member: try event.memberID.flatMap { try member($0, in: store) },
            organization: try event.organizationID.flatMap { try organization($0, in: store) })
        let counters = CountersAtEventTime(events: store, through: event.occurredAt, timeZone: timeZone)
        // The planner asks only for the parent of the event's own organization.
        let parent = try subject.organization?.parentID.flatMap { try organization($0, in: store) }
        var decisions = try AwardPlanner.plan(
            subject, rules: rules, counters: counters, usage: usage, parentOf: { _ in parent }, timeZone: timeZone)
        let policies = try EventProcessor.currencyPolicies(for: decisions, in: store, decisions: &decisions)
        for index in decisions.indices {
            // Awards in a currency deleted since are not booked, nor counted for limits, as in processing.
            decisions[index].awards.removeAll { policies[$0.currency] == nil }
            let decision = decisions[index]
            var posted: [(PlannedAward, Int64)] = []
            for award in decision.awards {
                let perMille = try multipliers.perMille(for: award.holder, in: store)
                posted.append((award, perMille.map { TierMultiplier.apply($0, to: award.amount) } ?? award.amount))
            }
            tally.add(decision, posting: posted, event: event)
            if let rule = rulesByID[decision.ruleID] { usage.record(decision, of: rule, subject: subject) }
        }
        tally.addActual(try store.postings(eventID: event.id))
    }

    private mutating func member(_ id: String, in store: any StoreReader) throws -> Member? {
        if let known = members[id] { return known }
        let found = try store.member(id: id)
        members[id] = .some(found)
        return found
    }

    private mutating func organization(_ id: String, in store: any StoreReader) throws -> Organization? {
        if let known = organizations[id] { return known }
        let found = try store.organization(id: id)
        organizations[id] = .some(found)
        return found
    }
}
