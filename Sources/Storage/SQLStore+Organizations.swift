import Engine
import SQLite

extension SQLStore {
    private static let organizationColumns = "id, name, kind, parent_id, segments, attributes, status, created_at, updated_at"

    func organization(id: String) throws -> Organization? {
        try cached(\.organizations, id) {
            try connection.queryOne("SELECT \(Self.organizationColumns) FROM organizations WHERE id = ?", [.text(id)]).map(Self.organization)
        }
    }

    func organizationNames(ids: [String]) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        // One statement whatever the count: the ids go in as one JSON array.
        let rows = try connection.query(
            "SELECT id, name FROM organizations WHERE id IN (SELECT value FROM json_each(?)) AND name IS NOT NULL",
            [SQLiteValue(json: .array(ids.map(JSONValue.string)))])
        return try rows.reduce(into: [:]) { names, row in names[try row.requiredString("id")] = row.string("name") }
    }

    func organizationNamesGeneration() throws -> Int64? {
        try configurationGeneration("organization_names")
    }

    func organizationExists(id: String) throws -> Bool {
        try connection.queryOne("SELECT 1 AS found FROM organizations WHERE id = ?", [.text(id)]) != nil
    }

    func organizations(_ filter: OrganizationFilter, page: PageRequest) throws -> Page<Organization> {
        var conditions: [String] = []
        var arguments: [SQLiteValue] = []
        if let kind = filter.kind { conditions.append("kind = ?"); arguments.append(.text(kind)) }
        if let status = filter.status { conditions.append("status = ?"); arguments.append(.text(status.rawValue)) }
        if let only = filter.onlyID { conditions.append("id = ?"); arguments.append(.text(only)) }
        if let segment = filter.segment {
            conditions.append("id IN (SELECT organization_id FROM organization_segments WHERE segment = ?)")
            arguments.append(.text(segment))
        }
        if let after = page.after { conditions.append("id > ?"); arguments.append(.text(after)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try connection.query(
            "SELECT \(Self.organizationColumns) FROM organizations \(whereClause) ORDER BY id LIMIT ?", arguments)
        return Page(fetched: try rows.map(Self.organization), limit: page.limit, key: \.id)
    }

    func childOrganizationCount(of id: String) throws -> Int {
        try connection.queryOne("SELECT count(*) AS n FROM organizations WHERE parent_id = ?", [.text(id)])?.int("n") ?? 0
    }

    func save(_ organization: Organization) throws {
        try connection.run(
            """
            INSERT INTO organizations (id, name, kind, parent_id, segments, attributes, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id,
                segments = excluded.segments, attributes = excluded.attributes, status = excluded.status,
                updated_at = excluded.updated_at
            """,
            [.text(organization.id), .text(organization.name), .text(organization.kind), SQLiteValue(organization.parentID),
             SQLiteValue(json: .array(organization.segments.map(JSONValue.string))), SQLiteValue(json: .object(organization.attributes)),
             .text(organization.status.rawValue), SQLiteValue(organization.createdAt), SQLiteValue(organization.updatedAt)])
        writerCache?.organizations.forget(organization.id)
        try connection.run("DELETE FROM organization_segments WHERE organization_id = ?", [.text(organization.id)])
        for segment in organization.segments {
            try connection.run("INSERT INTO organization_segments (segment, organization_id) VALUES (?, ?)", [.text(segment), .text(organization.id)])
        }
    }

    func deleteOrganization(id: String) throws {
        try connection.run("DELETE FROM organizations WHERE id = ?", [.text(id)])
        // Members refer to it without a cascade, so one that still has members is refused.
        writerCache?.organizations.forget(id)
    }

    private static func organization(_ row: SQLiteRow) throws -> Organization {
        let segments = try row.json("segments")?.arrayValue?.compactMap(\.stringValue) ?? []
        guard let status = RecordStatus(rawValue: try row.requiredString("status")) else { throw StorageError.corrupt("organization status") }
        return Organization(
            id: try row.requiredString("id"), name: try row.requiredString("name"), kind: try row.requiredString("kind"),
            parentID: row.string("parent_id"), segments: segments, attributes: try row.jsonObject("attributes"), status: status,
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}
