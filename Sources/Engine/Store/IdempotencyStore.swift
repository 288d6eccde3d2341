/// A write's stored answer, kept so that a retried request gets the same answer instead of
/// doing the work twice. Scoped to the key that made it.
public struct IdempotencyRecord: Sendable, Equatable {
    public var keyID: String
    public var idempotencyKey: String
    /// SHA-256 of method, path and body: a different request under the same key is refused.
    public var fingerprint: String
    public var status: Int
    public var body: [UInt8]
    public var createdAt: Timestamp

    public init(keyID: String, idempotencyKey: String, fingerprint: String, status: Int, body: [UInt8], createdAt: Timestamp) {
        self.keyID = keyID
        self.idempotencyKey = idempotencyKey
        self.fingerprint = fingerprint
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }
}

public protocol IdempotencyReader {
    func idempotencyRecord(keyID: String, idempotencyKey: String) throws -> IdempotencyRecord?
}

public protocol IdempotencyWriter: IdempotencyReader {
    func save(_ record: IdempotencyRecord) throws
}
