/// Records posted events. The caller's id makes posting idempotent: the same event again is a
/// replay of what is stored; a different event under a used id is refused.
public enum EventIntake {
    public enum Recorded: Sendable, Equatable {
        case new(Event)
        case replay(Event)

        public var event: Event {
            switch self {
            case .new(let event), .replay(let event): event
            }
        }
    }

    public static func record(
        _ draft: EventDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> Recorded {
        if let principal = context.principal, principal.role == .viewer {
            throw DomainError.forbidden("a viewer key cannot post events")
        }
        if let stored = try store.event(id: draft.id) {
            // Another organization's event is not replayed to a partner, even one that guessed it.
            let visible = context.principal.map { $0.canSee(organizationID: stored.organizationID ?? "") } ?? true
            guard visible, stored.fingerprint == draft.fingerprint else {
                throw DomainError.unprocessable([ValidationError(path: "$.id", message: "event id already used for a different event")])
            }
            return .replay(stored)
        }
        let organizationID = try subjectOrganization(of: draft, as: context.principal, in: store)
        let event = draft.event(organizationID: organizationID, receivedAt: context.at)
        try store.insert(event)
        return .new(event)
    }

    /// Checks that the member and organization exist, agree, and are visible to the principal;
    /// answers the organization the event is recorded for.
    static func subjectOrganization(
        of draft: EventDraft, as principal: Principal?, in store: any StoreReader
    ) throws -> String? {
        var problems: [ValidationError] = []
        var memberOrganizationID: String?
        if let memberID = draft.memberID {
            // Outside a partner's scope answers as if the member did not exist.
            if let member = try store.member(id: memberID), principal?.canSee(organizationID: member.organizationID) ?? true {
                memberOrganizationID = member.organizationID
            } else {
                problems.append(ValidationError(path: "$.member_id", message: "no such member: \(memberID)"))
            }
        }
        if let organizationID = draft.organizationID {
            if try !store.organizationExists(id: organizationID) || !(principal?.canSee(organizationID: organizationID) ?? true) {
                problems.append(ValidationError(path: "$.organization_id", message: "no such organization: \(organizationID)"))
            } else if let memberOrganizationID, memberOrganizationID != organizationID {
                problems.append(ValidationError(
                    path: "$.organization_id",
                    message: "member \(draft.memberID ?? "") belongs to organization \(memberOrganizationID), not \(organizationID)"))
            }
        }
        guard problems.isEmpty else { throw DomainError.unprocessable(problems) }
        return draft.organizationID ?? memberOrganizationID
    }
}
