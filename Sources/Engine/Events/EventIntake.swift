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

    /// An event checked and ready to process, not yet stored: its member and organization as
    /// loaded by the check, so that processing does not read them again.
    public enum Admitted: Sendable {
        case new(Event, member: Member?, organization: Organization?)
        case replay(Event)
    }

    /// Records the event at once (without an outcome): for callers that do not process it.
    public static func record(
        _ draft: EventDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> Recorded {
        switch try admit(draft, context: context, in: store) {
        case .replay(let event):
            return .replay(event)
        case .new(let event, _, _):
            try store.insert(event)
            return .new(event)
        }
    }

    /// Checks the event and recognises a replay, writing nothing: the processor stores the event
    /// with its outcome in one insert once it knows what the event caused.
    public static func admit(
        _ draft: EventDraft, context: ChangeContext, in store: any StoreReader
    ) throws -> Admitted {
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
        let (event, member, organization) = try checked(draft, context: context, in: store)
        return .new(event, member: member, organization: organization)
    }

    /// The event as it would be recorded, with its member and organization, once they are checked
    /// (`subject(of:as:in:)`): for a new post and for a dry run alike.
    static func checked(
        _ draft: EventDraft, context: ChangeContext, in store: any StoreReader
    ) throws -> (Event, member: Member?, organization: Organization?) {
        let subject = try subject(of: draft, as: context.principal, in: store)
        let event = draft.event(organizationID: draft.organizationID ?? subject.member?.organizationID, receivedAt: context.at)
        return (event, subject.member, subject.organization)
    }

    /// Checks that the member and organization exist, agree, and are visible to the principal;
    /// answers them, the organization being the event's or else the member's.
    static func subject(
        of draft: EventDraft, as principal: Principal?, in store: any StoreReader
    ) throws -> (member: Member?, organization: Organization?) {
        var problems: [ValidationError] = []
        var member: Member?
        if let memberID = draft.memberID {
            // Outside a partner's scope answers as if the member did not exist.
            if let found = try store.member(id: memberID), principal?.canSee(organizationID: found.organizationID) ?? true {
                member = found
            } else {
                problems.append(ValidationError(path: "$.member_id", message: "no such member: \(memberID)"))
            }
        }
        var organization: Organization?
        if let organizationID = draft.organizationID {
            organization = principal?.canSee(organizationID: organizationID) ?? true ? try store.organization(id: organizationID) : nil
            if organization == nil {
                problems.append(ValidationError(path: "$.organization_id", message: "no such organization: \(organizationID)"))
            } else if let member, member.organizationID != organizationID {
                problems.append(ValidationError(
                    path: "$.organization_id",
                    message: "member \(member.id) belongs to organization \(member.organizationID), not \(organizationID)"))
            }
        }
        guard problems.isEmpty else { throw DomainError.unprocessable(problems) }
        if organization == nil, let member { organization = try store.organization(id: member.organizationID) }
        return (member, organization)
    }
}
