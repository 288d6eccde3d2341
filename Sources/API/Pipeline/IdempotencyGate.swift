import Digest
import Engine
import HTTP
import Synchronization

/// `Idempotency-Key` for POSTs that create things: the same key and body get the stored answer
/// again with `Idempotent-Replayed: true`; the same key with another body is 422; the same key
/// while the first request is still running is 409. The answer is stored in the same transaction
/// as the write it answers, so a replay never sees an answer whose write was lost.
final class IdempotencyGate: Sendable {
    static let keyBytesMax = 255

    struct Claim: Sendable {
        let keyID: String
        let idempotencyKey: String
        let fingerprint: String
        /// Top-level answer fields never stored (a key's secret is shown once, never replayed).
        let redactedFields: [String]

        func record(for response: HTTPResponse, at: Timestamp) -> IdempotencyRecord {
            var body = response.body
            if !redactedFields.isEmpty, case .object(var object)? = try? JSONParser.parse(body) {
                for field in redactedFields where object[field] != nil { object[field] = .null }
                body = JSONWriter.bytes(.object(object))
            }
            return IdempotencyRecord(
                keyID: keyID, idempotencyKey: idempotencyKey, fingerprint: fingerprint, status: response.status,
                body: body, createdAt: at)
        }
    }

    enum Decision {
        case proceed(Claim)
        case answer(HTTPResponse)
    }

    private let inFlight = Mutex<Set<String>>([])

    /// Decides what to do with a request that carries `Idempotency-Key`.
    func begin(request: HTTPRequest, key: String, principal: Principal, redacting: [String], store: any ProgramStore) -> Decision {
        guard RequestID.isAcceptable(key), key.utf8.count <= Self.keyBytesMax else {
            return .answer(Problem.invalid([ValidationError(
                path: "header.Idempotency-Key", message: "must be 1 to \(Self.keyBytesMax) visible ASCII characters")]).response)
        }
        var hasher = SHA256()
        hasher.update("\(request.method) \(request.path)\n".utf8)
        // A retry's JSON may list the same keys in another order (most clients' maps are unordered):
        // fingerprint the canonical form, so that only a different document counts as another body.
        if let document = try? JSONParser.parse(request.body) {
            hasher.update(JSONWriter.bytes(document.canonical))
        } else {
            hasher.update(request.body)
        }
        let claim = Claim(keyID: principal.keyID, idempotencyKey: key, fingerprint: Hex.encode(hasher.finalize()), redactedFields: redacting)
        let slot = "\(principal.keyID)\u{0}\(key)"
        guard inFlight.withLock({ $0.insert(slot).inserted }) else {
            return .answer(Problem(status: 409, title: "Conflict", detail: "A request with this Idempotency-Key is still in progress.").response)
        }
        do {
            if let stored = try store.read({ try $0.idempotencyRecord(keyID: principal.keyID, idempotencyKey: key) }) {
                finish(claim)
                guard stored.fingerprint == claim.fingerprint else {
                    return .answer(Problem(status: 422, title: "Unprocessable request", detail: "This Idempotency-Key was used for a different request.").response)
                }
                return .answer(HTTPResponse.json(bytes: stored.body, status: stored.status).with(header: "Idempotent-Replayed", "true"))
            }
        } catch {
            finish(claim)
            return .answer(Problem.from(error).response)
        }
        return .proceed(claim)
    }

    func finish(_ claim: Claim) {
        _ = inFlight.withLock { $0.remove("\(claim.keyID)\u{0}\(claim.idempotencyKey)") }
    }
}
