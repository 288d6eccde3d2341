/// Program configuration that admin keys write and every key reads: currencies, badges, and the
/// kinds that follow (tier ladders, leaderboards, quests, goals, rewards, templates).
public protocol ConfigurationObject: Sendable, Equatable {
    /// The entity kind in the audit log, e.g. `currency`.
    static var kind: String { get }
    /// The plural used in messages, e.g. `currencies`.
    static var kindPlural: String { get }
    var id: String { get }
    var createdAt: Timestamp { get }
    var updatedAt: Timestamp { get set }
    /// The document form: what the API answers and the audit log keeps.
    var json: JSONValue { get }
}

extension ConfigurationObject {
    /// The document without its times, for kinds stored as a document (leaderboards, goals): what
    /// the store keeps beside its time columns, and what the kind's draft parses back.
    public var definition: JSONValue {
        guard case .object(let document) = json else { return json }
        return .object(JSONObject(document.entries.filter { $0.key != "created_at" && $0.key != "updated_at" }))
    }
}

/// The one way configuration objects are written, so every kind behaves the same: admin keys
/// only; a PUT that changes nothing writes nothing and audits nothing; creation time is kept on
/// replace; every change and deletion is audited with before and after; nothing is deleted while
/// other configuration or outstanding points still depend on it.
public enum ConfigurationWrites {
    public struct Put<Object: ConfigurationObject>: Sendable {
        public var object: Object
        public var created: Bool
    }

    /// The object, or 404 in its kind's name.
    public static func get<Object: ConfigurationObject>(_ id: String, load: (String) throws -> Object?) throws -> Object {
        guard let object = try load(id) else { throw DomainError.notFound(kind: Object.kind, id: id) }
        return object
    }

    /// `missing` lists what the object names that does not exist (a currency, a badge): refused
    /// with 422 and every path, after the admin check, before anything is written.
    public static func put<Object: ConfigurationObject>(
        _ id: String, context: ChangeContext, in store: any StoreWriter,
        load: (String) throws -> Object?, make: (_ createdAt: Timestamp) -> Object, save: (Object) throws -> Void,
        missing: () throws -> [ValidationError] = { [] }
    ) throws -> Put<Object> {
        try requireAdmin(context, Object.self)
        let problems = try missing()
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
        let before = try load(id)
        let object = make(before?.createdAt ?? context.at)
        if var unchanged = before {
            unchanged.updatedAt = object.updatedAt
            if unchanged == object { return Put(object: before!, created: false) }
        }
        try save(object)
        try store.append(context.audit("\(Object.kind).put", Object.kind, id, before: before?.json, after: object.json))
        return Put(object: object, created: before == nil)
    }

    /// Refused (409, nothing written) while `references` finds anything that still depends on it.
    public static func delete<Object: ConfigurationObject>(
        _ id: String, context: ChangeContext, in store: any StoreWriter,
        load: (String) throws -> Object?, references: (String) throws -> [ValidationError] = { _ in [] },
        remove: (String) throws -> Void
    ) throws {
        try requireAdmin(context, Object.self)
        guard let before = try load(id) else { throw DomainError.notFound(kind: Object.kind, id: id) }
        if let refusal = ConfigurationReferences.refusal(kind: Object.kind, id: id, try references(id)) { throw refusal }
        try remove(id)
        try store.append(context.audit("\(Object.kind).delete", Object.kind, id, before: before.json, after: nil))
    }

    static func requireAdmin<Object: ConfigurationObject>(_ context: ChangeContext, _: Object.Type) throws {
        if let principal = context.principal, !principal.isAdmin {
            throw DomainError.forbidden("only admin keys change \(Object.kindPlural)")
        }
    }
}
