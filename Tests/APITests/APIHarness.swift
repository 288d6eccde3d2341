import Dispatch
import Engine
import HTTP
import Synchronization
@testable import API

/// A `LaurelAPI` over an `InMemoryStore`, with an admin, a viewer and a partner key.
final class APIHarness {
    let store = InMemoryStore()
    let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_795_442_709_000))
    let api: LaurelAPI
    let adminSecret: String
    let viewerSecret: String
    let partnerSecret: String

    init(rateLimits: RateLimitPolicy = RateLimitPolicy()) throws {
        let environment = APIEnvironment(
            store: store, clock: clock, logger: Logger(sink: MemoryLogSink(), clock: clock), version: "test")
        api = LaurelAPI(environment: environment, rateLimits: rateLimits)
        let context = ChangeContext(principal: nil, at: clock.now(), requestID: nil)
        adminSecret = try store.writeAndWait { try KeyCommands.bootstrapAdmin(text: nil, context: context, in: $0)!.secret }
        viewerSecret = try store.writeAndWait { try KeyCommands.create(KeyDraft(name: "viewer", role: .viewer), context: context, in: $0).secret }
        partnerSecret = try store.writeAndWait { store in
            let organization = try OrganizationDraft.parse(["name": "Acme", "kind": "partner"], id: "acme")
            _ = try OrganizationCommands.put("acme", organization, context: context, in: store)
            return try KeyCommands.create(KeyDraft(name: "portal", role: .partner, organizationID: "acme"), context: context, in: store).secret
        }
    }

    /// Sends a request and returns the answer: at once for most routes (the in-memory store answers
    /// before `respond` returns), within seconds for those answered from another queue.
    func send(
        _ method: String, _ target: String, key: String? = nil, body: String? = nil, contentType: String? = "application/json",
        headers extra: [(String, String)] = []
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let key { headers.add("Authorization", "Bearer \(key)") }
        if body != nil, let contentType { headers.add("Content-Type", contentType) }
        for (name, value) in extra { headers.add(name, value) }
        let request = HTTPRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8))
        let answer = AnswerBox()
        api.respond(to: request, reply: HTTPReply { response in answer.set(response) })
        guard let response = answer.wait(seconds: 10) else { fatalError("no answer to \(method) \(target)") }
        return response
    }
}

extension HTTPResponse {
    var json: JSONValue? { try? JSONParser.parse(body) }
    var object: JSONObject? { json?.objectValue }
    var errorPaths: [String] {
        object?["errors"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
    }
}

/// Holds the one answer a responder gives, from whichever thread gives it.
final class AnswerBox: Sendable {
    private let slot = Mutex<HTTPResponse?>(nil)
    private let given = DispatchSemaphore(value: 0)

    func set(_ response: HTTPResponse) {
        slot.withLock { $0 = response }
        given.signal()
    }

    var response: HTTPResponse? { slot.withLock { $0 } }

    /// The answer, waiting at most `seconds` for it.
    func wait(seconds: Int) -> HTTPResponse? {
        if let response { return response }
        _ = given.wait(timeout: .now() + .seconds(seconds))
        return response
    }
}
