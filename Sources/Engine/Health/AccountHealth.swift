/// How a customer account is doing, from what its people say (by stakeholder role) and what they
/// do: NPS overall and by role, NPS weighted by role, CSAT and CES, engagement over the last 30
/// days against the 30 before, a health score 0–100 with its band, and the renewal risks in words.
public struct AccountHealth: Sendable {
    /// How much each role's NPS counts in the weighted NPS (config `health.role_weights`).
    public struct RoleWeights: Sendable, Equatable {
        public var weights: [Feedback.Role: Int64]

        public init(_ weights: [Feedback.Role: Int64] = [.decisionMaker: 3, .influencer: 2, .user: 1]) {
            self.weights = weights
        }
    }

    public struct Engagement: Sendable, Equatable {
        public var activeMembers: Int
        public var members: Int
        public var events: Int
        public var eventsBefore: Int
        public var redemptions: Int

        public init(activeMembers: Int, members: Int, events: Int, eventsBefore: Int, redemptions: Int) {
            self.activeMembers = activeMembers
            self.members = members
            self.events = events
            self.eventsBefore = eventsBefore
            self.redemptions = redemptions
        }

        /// Share of members active, 0–100; nil without members.
        public var shareActive: Double? { members > 0 ? Double(activeMembers) / Double(members) * 100 : nil }
        /// Change of the event count against the 30 days before, in percent; nil when both are 0.
        public var eventsTrend: Double? {
            if eventsBefore == 0 { return events == 0 ? nil : 100 }
            return (Double(events) - Double(eventsBefore)) / Double(eventsBefore) * 100
        }
    }

    public enum Band: String, Sendable, CaseIterable {
        case healthy, watch
        case atRisk = "at_risk"
    }

    /// Relational NPS of the last year, decision-maker silence over 180 days.
    public static let feedbackWindowDays: Int64 = 365
    public static let decisionMakerSilenceDays: Int64 = 180

    public var organizationID: String
    public var nps: Double?
    public var npsByRole: [Feedback.Role: (nps: Double, responses: Int)]
    public var weightedNPS: Double?
    public var csat: Double?
    public var ces: Double?
    public var transactional: (csat: Double?, ces: Double?, responses: Int)
    public var engagement: Engagement
    public var score: Double?
    public var band: Band?
    public var risks: [String]

    /// NPS of scores 0–10: % promoters (9–10) − % detractors (0–6); nil without any.
    public static func nps(_ scores: [Int64]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let promoters = scores.filter { $0 >= 9 }.count
        let detractors = scores.filter { $0 <= 6 }.count
        return Double(promoters - detractors) / Double(scores.count) * 100
    }

    static func mean(_ scores: [Int64]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }

    /// The health score: the weighted NPS (−100…100 as 0…100) 40 %, CSAT (1…5 as 0…100) 20 %, the
    /// share of members active 20 %, the events trend (−50 % … +50 % as 0…100) 20 %, each part
    /// left out (and the rest reweighted) when there is nothing to measure it by. Bands: healthy
    /// from 70, watch from 50, at risk below.
    public static func assess(
        organizationID: String, feedback: [Feedback], engagement: Engagement, weights: RoleWeights, now: Timestamp
    ) -> AccountHealth {
        let relational = feedback.filter { !$0.isTransactional }
        let npsScores = relational.filter { $0.kind == .nps }
        var byRole: [Feedback.Role: (nps: Double, responses: Int)] = [:]
        for role in Feedback.Role.allCases {
            let scores = npsScores.filter { $0.role == role }.map(\.score)
            if let value = nps(scores) { byRole[role] = (value, scores.count) }
        }
        let weightSum = byRole.keys.reduce(Int64(0)) { $0 + (weights.weights[$1] ?? 0) }
        let weighted = weightSum > 0
            ? byRole.reduce(0.0) { $0 + Double(weights.weights[$1.key] ?? 0) * $1.value.nps } / Double(weightSum) : nil
        let csat = mean(relational.filter { $0.kind == .csat }.map(\.score))
        let ces = mean(relational.filter { $0.kind == .ces }.map(\.score))
        let transactional = feedback.filter(\.isTransactional)
        var parts: [(weight: Double, value: Double)] = []
        if let weighted { parts.append((40, (weighted + 100) / 2)) }
        if let csat { parts.append((20, (csat - 1) * 25)) }
        if let share = engagement.shareActive { parts.append((20, share)) }
        if let trend = engagement.eventsTrend { parts.append((20, min(100, max(0, trend + 50)))) }
        let total = parts.reduce(0) { $0 + $1.weight }
        let score = total > 0 ? parts.reduce(0.0) { $0 + $1.weight * $1.value } / total : nil
        let band: Band? = score.map { $0 >= 70 ? .healthy : $0 >= 50 ? .watch : .atRisk }
        return AccountHealth(
            organizationID: organizationID, nps: nps(npsScores.map(\.score)), npsByRole: byRole, weightedNPS: weighted, csat: csat, ces: ces,
            transactional: (mean(transactional.filter { $0.kind == .csat }.map(\.score)), mean(transactional.filter { $0.kind == .ces }.map(\.score)),
                            transactional.count),
            engagement: engagement, score: score, band: band,
            risks: risks(relational: relational, engagement: engagement, now: now))
    }

    /// Renewal risks in words.
    static func risks(relational: [Feedback], engagement: Engagement, now: Timestamp) -> [String] {
        var risks: [String] = []
        let silenceStart = now.adding(milliseconds: -decisionMakerSilenceDays * 86_400_000)
        if !relational.contains(where: { $0.role == .decisionMaker && $0.recordedAt >= silenceStart }) {
            risks.append("no decision-maker feedback in \(decisionMakerSilenceDays) days")
        }
        let detractors = relational.filter { $0.kind == .nps && $0.role == .decisionMaker && $0.score <= 6 }
        if !detractors.isEmpty { risks.append("detractor among decision makers (\(detractors.count))") }
        if let trend = engagement.eventsTrend, trend <= -30 {
            risks.append("participation fell \(Int((-trend).rounded())) % against the 30 days before")
        }
        if let share = engagement.shareActive, share < 20 {
            risks.append("only \(Int(share.rounded())) % of members active in 30 days")
        }
        return risks
    }
}

extension AccountHealth {
    public var json: JSONValue {
        let round = { (value: Double?) -> JSONValue in value.map { .double(($0 * 10).rounded() / 10) } ?? .null }
        return .object(JSONObject([
            ("organization_id", .string(organizationID)),
            ("nps", .object(JSONObject([
                ("overall", round(nps)), ("weighted_by_role", round(weightedNPS)),
                ("by_role", .object(JSONObject(Feedback.Role.allCases.map { role in
                    (role.rawValue, byRoleJSON(role, round))
                }))),
            ]))),
            ("csat", round(csat)), ("ces", round(ces)),
            ("transactional", .object(JSONObject([
                ("csat", round(transactional.csat)), ("ces", round(transactional.ces)), ("responses", .int(Int64(transactional.responses))),
            ]))),
            ("engagement", .object(JSONObject([
                ("active_members_30d", .int(Int64(engagement.activeMembers))), ("members", .int(Int64(engagement.members))),
                ("share_active", round(engagement.shareActive)), ("events_30d", .int(Int64(engagement.events))),
                ("events_previous_30d", .int(Int64(engagement.eventsBefore))), ("events_trend_percent", round(engagement.eventsTrend)),
                ("redemptions_30d", .int(Int64(engagement.redemptions))),
            ]))),
            ("score", round(score)), ("band", band.map { .string($0.rawValue) } ?? .null),
            ("renewal_risk", .object(JSONObject([("at_risk", .bool(band == .atRisk || !risks.isEmpty)), ("reasons", .array(risks.map(JSONValue.string)))]))),
        ]))
    }

    private func byRoleJSON(_ role: Feedback.Role, _ round: (Double?) -> JSONValue) -> JSONValue {
        guard let entry = npsByRole[role] else { return .object(JSONObject([("nps", .null), ("responses", .int(0))])) }
        return .object(JSONObject([("nps", round(entry.nps)), ("responses", .int(Int64(entry.responses)))]))
    }
}
