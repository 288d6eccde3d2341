public protocol KeyReader {
    func apiKey(id: String) throws -> APIKey?
    func apiKeys(page: PageRequest) throws -> Page<APIKey>
    func activeKeyCount(role: KeyRole) throws -> Int
    /// Active partner keys scoped to this organization.
    func activeKeyCount(organizationID: String) throws -> Int
}

public protocol KeyWriter: KeyReader {
    func insert(_ key: APIKey) throws
    func revokeKey(id: String, at: Timestamp) throws
}
