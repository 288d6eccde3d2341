/// Creating, listing and revoking API keys; all of it admin-only except `authenticate`.
public enum KeyCommands {
    public struct Created: Sendable {
        public var key: APIKey
        /// The only time the secret exists outside the caller's hands.
        public var secret: String
    }

    public static func create(_ draft: KeyDraft, context: ChangeContext, in store: any StoreWriter) throws -> Created {
        try requireAdmin(context)
        if let organizationID = draft.organizationID, try store.organization(id: organizationID) == nil {
            throw DomainError.unprocessable([ValidationError(path: "$.organization_id", message: "no such organization: \(organizationID)")])
        }
        let secret = KeySecret.generate()
        let key = APIKey(
            id: secret.id, name: draft.name, role: draft.role, organizationID: draft.organizationID,
            secretHash: secret.hash, rateLimit: draft.rateLimit, createdAt: context.at, createdBy: context.principal?.keyID)
        try store.insert(key)
        try store.append(context.audit("key.create", "key", key.id, before: nil, after: key.json))
        return Created(key: key, secret: secret.text)
    }

    /// Stores a key whose text the operator chose (`LAUREL_ADMIN_KEY`) when no admin key exists yet.
    /// Returns nil when an active admin key already exists, so that a revoked bootstrap key is never
    /// brought back by a restart.
    public static func bootstrapAdmin(text: String?, context: ChangeContext, in store: any StoreWriter) throws -> Created? {
        guard try store.activeKeyCount(role: .admin) == 0 else { return nil }
        let secret: KeySecret
        if let text {
            guard let parsed = KeySecret.parse(text) else {
                throw DomainError.invalid([ValidationError(
                    path: "admin_key", message: "must look like lrl_<id>_<secret> (letters and digits)")])
            }
            guard try store.apiKey(id: parsed.id) == nil else {
                throw DomainError.conflict("a key with id \(parsed.id) exists already and is revoked; choose another admin key")
            }
            secret = parsed
        } else {
            secret = KeySecret.generate()
        }
        let key = APIKey(
            id: secret.id, name: "bootstrap admin", role: .admin, organizationID: nil, secretHash: secret.hash,
            rateLimit: nil, createdAt: context.at, createdBy: nil)
        try store.insert(key)
        try store.append(context.audit("key.bootstrap", "key", key.id, before: nil, after: key.json))
        return Created(key: key, secret: secret.text)
    }

    public static func get(_ id: String, context principal: Principal, in store: any StoreReader) throws -> APIKey {
        guard principal.isAdmin else { throw DomainError.forbidden("only admin keys manage keys") }
        guard let key = try store.apiKey(id: id) else { throw DomainError.notFound(kind: "key", id: id) }
        return key
    }

    public static func list(page: PageRequest, as principal: Principal, in store: any StoreReader) throws -> Page<APIKey> {
        guard principal.isAdmin else { throw DomainError.forbidden("only admin keys manage keys") }
        return try store.apiKeys(page: page)
    }

    /// Revokes at once. Revoking twice is harmless. The last active admin key cannot be revoked,
    /// so that the program can never lock its operator out.
    public static func revoke(_ id: String, context: ChangeContext, in store: any StoreWriter) throws -> APIKey {
        try requireAdmin(context)
        guard let before = try store.apiKey(id: id) else { throw DomainError.notFound(kind: "key", id: id) }
        guard before.isActive else { return before }
        if before.role == .admin, try store.activeKeyCount(role: .admin) <= 1 {
            throw DomainError.conflict("\(id) is the last active admin key; create another admin key first")
        }
        try store.revokeKey(id: id, at: context.at)
        var after = before
        after.revokedAt = context.at
        try store.append(context.audit("key.revoke", "key", id, before: before.json, after: after.json))
        return after
    }

    /// The active key a presented secret belongs to, or nil.
    public static func authenticate(_ presented: String, in store: any StoreReader) throws -> APIKey? {
        guard let secret = KeySecret.parse(presented), let key = try store.apiKey(id: secret.id), key.isActive,
              secret.matches(key.secretHash)
        else { return nil }
        return key
    }

    private static func requireAdmin(_ context: ChangeContext) throws {
        if let principal = context.principal, !principal.isAdmin {
            throw DomainError.forbidden("only admin keys manage keys")
        }
    }
}
