import Engine

/// Scorecard templates, kept like the other configuration kinds.
extension InMemoryTransaction {
    func scorecardTemplate(id: String) throws -> ScorecardTemplate? { state.scorecardTemplates[id] }

    func scorecardTemplates(page request: PageRequest) throws -> Page<ScorecardTemplate> {
        let rest = state.scorecardTemplates.values.sorted { $0.id < $1.id }.filter { $0.id > (request.after ?? "") }
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func save(_ template: ScorecardTemplate) throws { state.scorecardTemplates[template.id] = template }

    func deleteScorecardTemplate(id: String) throws { state.scorecardTemplates[id] = nil }
}

/// Interactions with their answers.
extension InMemoryTransaction {
    func interaction(id: String) throws -> Interaction? { state.interactions[id]?.interaction }

    func interactionAnswer(id: String) throws -> JSONValue? { state.interactions[id]?.answer }

    func interactions(supplierID: String, templateID: String, completedFrom from: Timestamp) throws -> [Interaction] {
        state.interactions.values.map(\.interaction)
            .filter { $0.supplierID == supplierID && $0.templateID == templateID && $0.completedAt >= from && $0.status == .counted }
            .sorted { ($0.completedAt, $0.id) < ($1.completedAt, $1.id) }
    }

    func interactions(filter: InteractionFilter, page request: PageRequest) throws -> Page<Interaction> {
        let all = state.interactions.values.map(\.interaction).filter { interaction in
            (filter.supplierID.map { interaction.supplierID == $0 } ?? true) && (filter.templateID.map { interaction.templateID == $0 } ?? true)
        }.sorted { ($0.completedAt, $0.id) > ($1.completedAt, $1.id) }
        return Page(fetched: Array(all.prefix(request.limit + 1)), limit: request.limit) { "\($0.completedAt.millisecondsSinceEpoch)/\($0.id)" }
    }

    func interactions(templateID: String, completedFrom from: Timestamp) throws -> [Interaction] {
        state.interactions.values.map(\.interaction)
            .filter { $0.templateID == templateID && $0.completedAt >= from && $0.status == .counted }
            .sorted { ($0.supplierID, $0.completedAt, $0.id) < ($1.supplierID, $1.completedAt, $1.id) }
    }

    /// No log here: the scorecard index loads a template whole and finds nothing to fold.
    func interactionLogPosition() throws -> Int64 { 0 }

    func interactionLog(after seq: Int64, limit: Int) throws -> [LoggedInteraction] { [] }

    /// Without a log, everything the supplier has counts as changed: folding it again changes nothing.
    func interactionLog(after seq: Int64, supplierID: String, templateID: String, rowsMax: Int64) throws -> [Interaction]? {
        state.interactions.values.map(\.interaction).filter { $0.supplierID == supplierID && $0.templateID == templateID }
    }

    func latestInteractionTemplate(supplierID: String) throws -> String? {
        state.interactions.values.map(\.interaction).filter { $0.supplierID == supplierID }.max { $0.completedAt < $1.completedAt }?.templateID
    }

    func insert(_ interaction: Interaction, answer: [UInt8]) throws {
        state.interactions[interaction.id] = (interaction, try JSONParser.parse(answer))
    }
}

/// Disputes, keeping the disputed interaction's status in step as the SQL store does.
extension InMemoryTransaction {
    func dispute(id: String) throws -> Dispute? { state.disputes[id] }

    func openDispute(subject: Dispute.Subject, subjectID: String) throws -> Dispute? {
        state.disputes.values.first { $0.subject == subject && $0.subjectID == subjectID && $0.status == .open }
    }

    func disputes(organizationID: String?, status: Dispute.Status?, page request: PageRequest) throws -> Page<Dispute> {
        let all = state.disputes.values.filter { dispute in
            (organizationID.map { dispute.organizationID == $0 } ?? true) && (status.map { dispute.status == $0 } ?? true)
        }.sorted { ($0.openedAt, $0.id) > ($1.openedAt, $1.id) }
        return Page(fetched: Array(all.prefix(request.limit + 1)), limit: request.limit) { "\($0.openedAt.millisecondsSinceEpoch)/\($0.id)" }
    }

    func save(_ dispute: Dispute) throws {
        state.disputes[dispute.id] = dispute
        guard dispute.subject == .interaction, var stored = state.interactions[dispute.subjectID] else { return }
        stored.interaction.status = switch dispute.status {
        case .open: .disputed
        case .upheld: .counted
        case .voided: .voided
        }
        state.interactions[dispute.subjectID] = stored
    }
}

/// Feedback is kept; engagement is counted over SQL only (account health is tested end to end).
extension InMemoryTransaction {
    func feedback(id: String) throws -> Feedback? { state.feedback[id] }

    func feedback(organizationID: String, from: Timestamp) throws -> [Feedback] {
        state.feedback.values.filter { $0.organizationID == organizationID && $0.recordedAt >= from }.sorted { ($0.recordedAt, $0.id) < ($1.recordedAt, $1.id) }
    }

    func feedback(organizationID: String?, page request: PageRequest) throws -> Page<Feedback> {
        let all = state.feedback.values.filter { item in organizationID.map { item.organizationID == $0 } ?? true }
            .sorted { ($0.recordedAt, $0.id) > ($1.recordedAt, $1.id) }
        return Page(fetched: Array(all.prefix(request.limit + 1)), limit: request.limit) { "\($0.recordedAt.millisecondsSinceEpoch)/\($0.id)" }
    }

    func insert(_ feedback: Feedback) throws { state.feedback[feedback.id] = feedback }

    func activeMembers(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int { 0 }
    func eventCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int { 0 }
    func redemptionCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int { 0 }
}

/// Analytics are aggregated over SQL only (tested end to end); in memory they are empty.
extension InMemoryTransaction {
    func activeCounts(from: Timestamp, until: Timestamp) throws -> (members: Int, organizations: Int) { (0, 0) }
    func activeRecordCounts() throws -> (members: Int, organizations: Int) { (state.members.count, state.organizations.count) }
    func pointFlows(from: Timestamp, until: Timestamp) throws -> [String: PointFlows] { [:] }
    func tierLevels() throws -> [(ladderID: String, levelID: String, holders: Int)] { [] }
    func tierMovements(from: Timestamp, until: Timestamp) throws -> [(ladderID: String, levelID: String, changes: Int)] { [] }
    func badgesAwarded(from: Timestamp, until: Timestamp) throws -> [(badgeID: String, count: Int)] { [] }
    func questFunnels(from: Timestamp, until: Timestamp) throws -> [QuestFunnel] { [] }
    func goalAttainment(from: Timestamp, until: Timestamp) throws -> [(goalID: String, levelID: String, subjects: Int)] { [] }
    func topRules(from: Timestamp, until: Timestamp, limit: Int) throws -> [(ruleID: String, currency: String, amount: Int64)] { [] }
}

extension InMemoryTransaction {
    func timeseries(_ metric: Timeseries.Metric, currency: String?, from: Timestamp, until: Timestamp) throws -> [(slot: Int64, value: Int64)] { [] }
}

extension InMemoryTransaction {
    func questLiftRows(questID: String, eventType: String, property: String?, days: Int64, until: Timestamp) throws -> [QuestLift.Row] { [] }
}

/// Period snapshots of scorecards.
extension InMemoryTransaction {
    func scorecardPeriodTaken(templateID: String, period: String) throws -> Bool {
        state.scorecardPeriods.contains("\(templateID)/\(period)")
    }

    func scorecardSnapshots(templateID: String, period: String) throws -> [ScorecardSnapshot]? {
        guard try scorecardPeriodTaken(templateID: templateID, period: period) else { return nil }
        return state.scorecardSnapshots.filter { $0.templateID == templateID && $0.period == period }.sorted { $0.rank < $1.rank }
    }

    func scorecardSnapshots(supplierID: String, templateID: String, limit: Int) throws -> [ScorecardSnapshot] {
        Array(state.scorecardSnapshots.filter { $0.supplierID == supplierID && $0.templateID == templateID }
            .sorted { $0.period > $1.period }.prefix(limit))
    }

    func saveScorecardPeriod(templateID: String, period: String, endedAt: Timestamp, takenAt: Timestamp, snapshots: [ScorecardSnapshot]) throws {
        guard state.scorecardPeriods.insert("\(templateID)/\(period)").inserted else { return }
        state.scorecardSnapshots += snapshots
    }
}
