/// Recording feedback and reading account health. Admin and integration keys record feedback for
/// any organization, a partner key for its own; whoever may see an organization reads its health.
public enum HealthCommands {
    public struct Recorded: Sendable {
        public var feedback: Feedback
        public var replayed: Bool
    }

    /// Idempotent by id: the same body again answers the stored feedback; another body is 422.
    public static func record(_ feedback: Feedback, context: ChangeContext, in store: any StoreWriter) throws -> Recorded {
        guard let principal = context.principal else { preconditionFailure("feedback comes through the API") }
        if principal.role == .viewer { throw DomainError.forbidden("a viewer key cannot record feedback") }
        if let stored = try store.feedback(id: feedback.id) {
            guard stored.fingerprint == feedback.fingerprint, principal.canSee(organizationID: stored.organizationID) else {
                throw DomainError.unprocessable([ValidationError(path: "$.id", message: "already used for other feedback")])
            }
            return Recorded(feedback: stored, replayed: true)
        }
        var problems: [ValidationError] = []
        if try !principal.canSee(organizationID: feedback.organizationID) || store.organization(id: feedback.organizationID) == nil {
            problems.append(ValidationError(path: "$.organization_id", message: "no such organization: \(feedback.organizationID)"))
        }
        if let memberID = feedback.memberID, try store.member(id: memberID)?.organizationID != feedback.organizationID {
            problems.append(ValidationError(path: "$.member_id", message: "no member \(memberID) in organization \(feedback.organizationID)"))
        }
        if let interactionID = feedback.interactionID, try store.interaction(id: interactionID) == nil {
            problems.append(ValidationError(path: "$.interaction_id", message: "no such interaction: \(interactionID)"))
        }
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
        var recorded = feedback
        recorded.recordedAt = context.at
        try store.insert(recorded)
        return Recorded(feedback: recorded, replayed: false)
    }

    public static func list(organizationID: String?, page: PageRequest, as principal: Principal, in store: any StoreReader) throws -> Page<Feedback> {
        var scope = organizationID
        if principal.role == .partner {
            if let asked = organizationID, asked != principal.organizationID { return Page(items: [], nextAfter: nil) }
            scope = principal.organizationID
        }
        return try store.feedback(organizationID: scope, page: page)
    }

    /// 404 outside a partner key's organization.
    public static func health(
        of organizationID: String, as principal: Principal, weights: AccountHealth.RoleWeights, now: Timestamp, in store: any StoreReader
    ) throws -> AccountHealth {
        guard principal.canSee(organizationID: organizationID), try store.organization(id: organizationID) != nil else {
            throw DomainError.notFound(kind: "organization", id: organizationID)
        }
        return try assess(organizationID, weights: weights, now: now, in: store)
    }

    static func assess(_ organizationID: String, weights: AccountHealth.RoleWeights, now: Timestamp, in store: any StoreReader) throws -> AccountHealth {
        let day: Int64 = 86_400_000
        let monthAgo = now.adding(milliseconds: -30 * day)
        let twoMonthsAgo = now.adding(milliseconds: -60 * day)
        let engagement = AccountHealth.Engagement(
            activeMembers: try store.activeMembers(organizationID: organizationID, from: monthAgo, until: now),
            members: try store.memberCount(organizationID: organizationID),
            events: try store.eventCount(organizationID: organizationID, from: monthAgo, until: now),
            eventsBefore: try store.eventCount(organizationID: organizationID, from: twoMonthsAgo, until: monthAgo),
            redemptions: try store.redemptionCount(organizationID: organizationID, from: monthAgo, until: now))
        let feedback = try store.feedback(organizationID: organizationID, from: now.adding(milliseconds: -AccountHealth.feedbackWindowDays * day))
        return AccountHealth.assess(organizationID: organizationID, feedback: feedback, engagement: engagement, weights: weights, now: now)
    }

    /// The organizations (as a key sees them) whose health falls in `band`, by id, at most `limit`
    /// from after `after`: each organization's health is computed, so this reads them all.
    public static func organizations(
        inBand band: AccountHealth.Band, filter: OrganizationFilter, page: PageRequest, as principal: Principal,
        weights: AccountHealth.RoleWeights, now: Timestamp, in store: any StoreReader
    ) throws -> Page<Organization> {
        var found: [Organization] = []
        var cursor = page.after
        repeat {
            let batch = try OrganizationCommands.list(filter, page: PageRequest(limit: PageRequest.limitMax, after: cursor), as: principal, in: store)
            for organization in batch.items where try assess(organization.id, weights: weights, now: now, in: store).band == band {
                found.append(organization)
                if found.count > page.limit { break }
            }
            cursor = batch.nextAfter
        } while cursor != nil && found.count <= page.limit
        return Page(fetched: found, limit: page.limit, key: \.id)
    }
}
