/// A member's inbox: read by whoever may see the member, marked read by keys that may write
/// (admin, integration, and the member's own organization's partner key), never by a viewer key.
public enum NotificationInbox {
    /// Ids one request may mark read.
    public static let idsMax = 500

    public static func page(
        memberID: String, unreadOnly: Bool, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<MemberNotification> {
        let member = try MemberCommands.get(memberID, as: principal, in: store).member
        let before = try page.afterInteger(of: "this inbox")
        let rows = try store.notifications(memberID: member.id, unreadOnly: unreadOnly, before: before, limit: page.limit + 1)
        return Page(fetched: rows, limit: page.limit, key: { String($0.id) })
    }

    /// `{"ids": [3, 4]}` marks those, `{}` marks every unread one; answers how many were marked.
    public static func parseIDs(_ body: JSONValue) throws(DomainError) -> [Int64]? {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["ids"])
        var ids: [Int64]?
        if let value = reader.object["ids"], value != .null {
            if case .array(let elements) = value, elements.count <= idsMax {
                ids = []
                for (index, element) in elements.enumerated() {
                    if case .int(let id) = element, id > 0 { ids?.append(id) } else {
                        report.add("$.ids[\(index)]", "must be a notification id (a positive integer)")
                    }
                }
            } else {
                report.add("$.ids", "must be an array of at most \(idsMax) notification ids")
            }
        }
        try report.check()
        return ids
    }

    public static func markRead(memberID: String, ids: [Int64]?, context: ChangeContext, in store: any StoreWriter) throws -> Int {
        if let principal = context.principal {
            let member = try MemberCommands.get(memberID, as: principal, in: store).member
            guard principal.role != .viewer else { throw DomainError.forbidden("a viewer key cannot mark notifications read") }
            return try store.markNotificationsRead(memberID: member.id, ids: ids, at: context.at)
        }
        return try store.markNotificationsRead(memberID: memberID, ids: ids, at: context.at)
    }
}
