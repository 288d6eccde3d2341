import Foundation
import Engine
import SQLite
import Storage

/// A freshly migrated database in its own temporary directory, removed when released.
final class TestDatabase {
    let directoryPath: String
    let database: Database

    var store: SQLiteProgramStore { database.store }

    /// The package's real migrations: this file is `<root>/Tests/StorageTests/TestDatabase.swift`.
    static let migrationsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations").path

    init() throws {
        directoryPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("laurel-storage-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directoryPath, withIntermediateDirectories: true)
        var options = Database.Options()
        options.synchronous = .off
        options.readerCount = 2
        let migrations = try Migrator.load(directory: Self.migrationsDirectory)
        (database, _) = try Database.open(path: directoryPath + "/laurel.sqlite", migrations: migrations, options: options)
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: directoryPath)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) throws -> T {
        try store.writeAndWait(body)
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try store.read(body)
    }

    func auditEntries(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEntry] {
        try read { try $0.auditEntries(filter, page: PageRequest(limit: 500)).items }
    }
}

let admin = Principal(keyID: "admin-key", role: .admin, organizationID: nil)
let integration = Principal(keyID: "integration-key", role: .integration, organizationID: nil)
let viewer = Principal(keyID: "viewer-key", role: .viewer, organizationID: nil)

func at(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: milliseconds) }

func change(_ principal: Principal? = admin, at milliseconds: Int64 = 1_000, request: String = "req-1") -> ChangeContext {
    ChangeContext(principal: principal, at: at(milliseconds), requestID: request)
}

func organization(
    _ id: String, name: String = "Org", kind: String = "partner", parent: String? = nil, segments: [String] = [],
    status: String = "active", attributes: JSONValue = [:]
) throws -> OrganizationDraft {
    try OrganizationDraft.parse(
        ["name": .string(name), "kind": .string(kind), "parent_id": .optional(parent),
         "segments": .array(segments.map(JSONValue.string)), "status": .string(status), "attributes": attributes], id: id)
}

func member(_ id: String, in organizationID: String, role: String = "sales", name: String? = nil) throws -> MemberDraft {
    try MemberDraft.parse(["organization_id": .string(organizationID), "role": .string(role), "name": .optional(name)], id: id)
}

extension TestDatabase {
    @discardableResult
    func putOrganization(_ id: String, _ draft: OrganizationDraft, _ context: ChangeContext = change()) throws -> OrganizationCommands.PutOutcome {
        try write { try OrganizationCommands.put(id, draft, context: context, in: $0) }
    }

    @discardableResult
    func putMember(_ id: String, _ draft: MemberDraft, _ context: ChangeContext = change()) throws -> MemberCommands.PutOutcome {
        try write { try MemberCommands.put(id, draft, context: context, in: $0) }
    }

    func createKey(_ draft: KeyDraft, _ context: ChangeContext = change()) throws -> KeyCommands.Created {
        try write { try KeyCommands.create(draft, context: context, in: $0) }
    }
}

/// The domain error a throwing call produced, or nil.
func domainError(_ body: () throws -> Void) -> DomainError? {
    do {
        try body()
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        return nil
    }
}

func isConflict(_ error: DomainError?) -> Bool {
    if case .conflict? = error { true } else { false }
}

func unprocessablePaths(_ error: DomainError?) -> [String]? {
    if case .unprocessable(let errors)? = error { errors.map(\.path) } else { nil }
}

func isNotFound(_ error: DomainError?) -> Bool {
    if case .notFound? = error { true } else { false }
}

func isForbidden(_ error: DomainError?) -> Bool {
    if case .forbidden? = error { true } else { false }
}
