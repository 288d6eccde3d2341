import Dispatch
public import Engine
import Synchronization

/// Turns an `Authorization: Bearer …` header into the key it belongs to. Verified keys are cached
/// by id for `cacheTTLMs` so that a request costs one SHA-256 and no database read; revocation
/// through the API evicts at once, and a revocation made elsewhere (the CLI) is seen within the TTL.
public final class Authenticator: Sendable {
    private struct Entry {
        let key: APIKey
        let loadedAtNs: UInt64
    }

    public static let cacheEntriesMax = 10_000
    private let cacheTTLNs: UInt64
    private let cache = Mutex<[String: Entry]>([:])
    private let store: any ProgramStore

    public init(store: any ProgramStore, cacheTTLMs: Int = 2_000) {
        self.store = store
        self.cacheTTLNs = UInt64(cacheTTLMs) * 1_000_000
    }

    /// The active key behind the header, or the 401 problem to answer.
    public func authenticate(authorization: String?) -> Result<APIKey, Problem> {
        guard let authorization, let presented = Self.bearerToken(authorization) else {
            return .failure(Self.unauthorized("Send an API key as Authorization: Bearer lrl_…"))
        }
        guard let secret = KeySecret.parse(presented) else {
            return .failure(Self.unauthorized("The API key is not valid."))
        }
        guard let key = try? cachedOrLoaded(id: secret.id), key.isActive, secret.matches(key.secretHash) else {
            return .failure(Self.unauthorized("The API key is not valid."))
        }
        return .success(key)
    }

    /// Forgets a key so that its next use reads the store again (after revocation).
    public func evict(keyID: String) {
        _ = cache.withLock { $0.removeValue(forKey: keyID) }
    }

    private func cachedOrLoaded(id: String) throws -> APIKey? {
        let now = DispatchTime.now().uptimeNanoseconds
        if let entry = cache.withLock({ $0[id] }), now - entry.loadedAtNs < cacheTTLNs {
            return entry.key
        }
        // Unknown ids are not cached: a flood of made-up ids must not grow memory.
        guard let key = try store.read({ try $0.apiKey(id: id) }) else { return nil }
        cache.withLock { cache in
            if cache.count >= Self.cacheEntriesMax { cache.removeAll() }
            cache[id] = Entry(key: key, loadedAtNs: now)
        }
        return key
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmed()
        return token.isEmpty ? nil : token
    }

    static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(status: 401, title: "Unauthorized", detail: detail)
        problem.headers = [("WWW-Authenticate", "Bearer realm=\"laurel\"")]
        return problem
    }
}
