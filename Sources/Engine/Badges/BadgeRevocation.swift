/// An admin taking a badge back from a member — earned by mistake, or by a deal later found to be
/// fraudulent but kept on the books — with the reason kept in the audit log. Without `event_id`
/// every instance the member holds is revoked; with it, only the one that event earned (for
/// repeatable badges). A revoked badge no longer counts as held: the member may earn it again,
/// and tier criteria stop counting it at the next review.
public struct BadgeRevocation: Sendable, Equatable {
    public var reason: String
    public var eventID: String?

    public static let reasonCharactersMax = 500

    public static func parse(_ body: JSONValue) throws(DomainError) -> BadgeRevocation {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["reason", "event_id"])
        let reason = reader.string("reason", required: true, rule: .text(max: reasonCharactersMax))
        let eventID = reader.string("event_id", required: false, rule: .identifier)
        try report.check()
        guard let reason else { fatalError("a missing reason was reported") }
        return BadgeRevocation(reason: reason, eventID: eventID)
    }
}

extension BadgeCommands {
    /// Revokes what `revocation` names and answers the revoked instances as `{"badges": [...]}`;
    /// 404 when the member does not exist or holds no such badge (revoking twice is a 404 the
    /// second time: there is nothing left to revoke). Audited with the reason.
    public static func revoke(
        memberID: String, badgeID: String, _ revocation: BadgeRevocation, context: ChangeContext, in store: any StoreWriter
    ) throws -> JSONValue {
        guard try store.member(id: memberID) != nil else { throw DomainError.notFound(kind: "member", id: memberID) }
        let revoked = try store.revokeBadges(memberID: memberID, badgeID: badgeID, eventID: revocation.eventID, at: context.at)
        guard !revoked.isEmpty else {
            let which = revocation.eventID.map { "\(badgeID) earned by event \($0)" } ?? badgeID
            throw DomainError.notFound(kind: "held badge", id: which)
        }
        let name = try store.badge(id: badgeID)?.name
        let items = JSONValue.array(revoked.map { $0.json(name: name) })
        try store.append(context.audit(
            "badge.revoke", "member", memberID, before: nil,
            after: .object(JSONObject([("badge_id", .string(badgeID)), ("reason", .string(revocation.reason)), ("revoked", items)]))))
        return .object(JSONObject([("badges", items)]))
    }
}
