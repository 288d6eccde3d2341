import Engine
import SQLite

extension SQLStore {
    private static let memberColumns =
        "id, organization_id, name, role, team, attributes, status, public_profile, joined_at, created_at, updated_at"

    /// Built once: see `insertPosting`.
    private static let memberByID = "SELECT \(memberColumns) FROM members WHERE id = ?"

    func member(id: String) throws -> Member? {
        try cached(\.members, id) {
            try connection.queryOne(Self.memberByID, [.text(id)]).map(Self.member)
        }
    }

    /// One statement for the lot; the SQL text varies only with the number of ids.
    func memberCards(ids: [String]) throws -> [String: MemberCard] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var cards: [String: MemberCard] = [:]
        for row in try connection.query(
            "SELECT id, name, organization_id, team, public_profile FROM members WHERE id IN (\(placeholders))", ids.map { .text($0) }
        ) {
            let id = try row.requiredString("id")
            cards[id] = MemberCard(
                id: id, name: row.string("name"), organizationID: try row.requiredString("organization_id"), team: row.string("team"),
                publicProfile: row.bool("public_profile") ?? true)
        }
        return cards
    }

    func members(_ filter: MemberFilter, page: PageRequest) throws -> Page<Member> {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let organizationID = filter.organizationID { conditions.append("organization_id = ?"); arguments.append(.text(organizationID)) }
        if let role = filter.role { conditions.append("role = ?"); arguments.append(.text(role)) }
        if let team = filter.team { conditions.append("team = ?"); arguments.append(.text(team)) }
        if let status = filter.status { conditions.append("status = ?"); arguments.append(.text(status.rawValue)) }
        if let after = page.after { conditions.append("id > ?"); arguments.append(.text(after)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query("SELECT \(Self.memberColumns) FROM members \(whereClause) ORDER BY id LIMIT ?", arguments)
        return Page(fetched: try rows.map(Self.member), limit: page.limit, key: \.id)
    }

    func memberCount(organizationID: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM members WHERE organization_id = ?", [.text(organizationID)])?.int("n") ?? 0
    }

    func pastMemberships(memberID: String) throws -> [Membership] {
        try connection.query(
            "SELECT member_id, organization_id, joined_at, left_at FROM past_memberships WHERE member_id = ? ORDER BY ordinal",
            [.text(memberID)]
        ).map { row in
            Membership(
                memberID: try row.requiredString("member_id"), organizationID: try row.requiredString("organization_id"),
                joinedAt: try row.timestamp("joined_at"), leftAt: row.optionalTimestamp("left_at"))
        }
    }

    func save(_ member: Member) throws {
        try connection.run(
            """
            INSERT INTO members (id, organization_id, name, role, team, attributes, status, public_profile, joined_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, name = excluded.name, role = excluded.role,
                team = excluded.team, attributes = excluded.attributes, status = excluded.status,
                public_profile = excluded.public_profile, joined_at = excluded.joined_at, updated_at = excluded.updated_at
            """,
            [.text(member.id), .text(member.organizationID), SQLiteValue(member.name), .text(member.role), SQLiteValue(member.team),
             SQLiteValue(json: .object(member.attributes)), .text(member.status.rawValue), SQLiteValue(member.publicProfile),
             SQLiteValue(member.joinedAt), SQLiteValue(member.createdAt), SQLiteValue(member.updatedAt)])
        writerCache?.members.forget(member.id)
    }

    func deleteMember(id: String) throws {
        try connection.run("DELETE FROM members WHERE id = ?", [.text(id)])
        writerCache?.members.forget(id)
    }

    func recordPastMembership(_ membership: Membership) throws {
        try connection.run(
            """
            INSERT INTO past_memberships (member_id, ordinal, organization_id, joined_at, left_at)
            SELECT ?1, coalesce(max(ordinal), 0) + 1, ?2, ?3, ?4 FROM past_memberships WHERE member_id = ?1
            """,
            [.text(membership.memberID), .text(membership.organizationID), SQLiteValue(membership.joinedAt), SQLiteValue(membership.leftAt)])
    }

    private static func member(_ row: SQLiteRow) throws -> Member {
        guard let status = RecordStatus(rawValue: try row.requiredString("status")) else { throw StorageError.corrupt("member status") }
        return Member(
            id: try row.requiredString("id"), organizationID: try row.requiredString("organization_id"), name: row.string("name"),
            role: try row.requiredString("role"), team: row.string("team"), attributes: try row.jsonObject("attributes"),
            status: status, publicProfile: row.bool("public_profile") ?? true, joinedAt: try row.timestamp("joined_at"),
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}
