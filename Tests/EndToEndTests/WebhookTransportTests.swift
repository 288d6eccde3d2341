import API
import Engine
import Foundation
@testable import laurel
import Testing

/// Both ways a delivery leaves the process keep one contract, checked against the test receiver:
/// the message goes out as sent and the answer's status comes back; a receiver that never answers
/// costs at most the timeout; nothing listening is a failure, not an answer. URLSession (used for
/// https) is exercised over plain http here, as the tests have no TLS receiver.
@Suite("Webhook transports")
struct WebhookTransportTests {
    static func transport(_ name: String) -> any WebhookTransport {
        name == "socket" ? SocketWebhookTransport() : URLSessionWebhookTransport()
    }

    static func message(port: Int) throws -> WebhookMessage {
        let due = DueWebhookDelivery(
            candidate: .init(id: 9, webhookID: "crm", lane: "member:ann", outboxSeq: 3, nextAttemptAt: nil),
            url: try WebhookURL.parse("http://127.0.0.1:\(port)/in?source=laurel").get(), secret: WebhookTests.secret,
            kind: "badge.earned", createdAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), data: ["badge_id": "first-deal"])
        return WebhookMessage.make(due, sentAt: SystemClock().now(), userAgent: "laurel/test")
    }

    @Test(arguments: ["socket", "urlsession"])
    func theMessageGoesOutAsSentAndTheStatusComesBack(_ name: String) throws {
        let receiver = try WebhookReceiver { $0 == 1 ? 202 : 503 }
        let message = try Self.message(port: receiver.port)
        #expect(Self.transport(name).post(message, timeoutMs: 5_000) == .success(202))
        #expect(Self.transport(name).post(message, timeoutMs: 5_000) == .success(503), "any status is an answer")
        let received = try #require(receiver.requests.first)
        #expect(received.body == message.body && received.id == "9" && received.kind == "badge.earned")
        #expect(received.headers["laurel-delivery"] == "9" && received.headers["user-agent"] == "laurel/test")
        #expect(received.headers["content-type"] == "application/json" && received.signatureVerifies(secret: WebhookTests.secret))
    }

    @Test(arguments: ["socket", "urlsession"])
    func aReceiverThatNeverAnswersCostsAtMostTheTimeout(_ name: String) throws {
        let receiver = try WebhookReceiver { _ in nil }
        let started = Date()
        let result = Self.transport(name).post(try Self.message(port: receiver.port), timeoutMs: 300)
        #expect(Date().timeIntervalSince(started) < 5, "\(name) waited \(Date().timeIntervalSince(started)) s")
        if case .success = result { Issue.record("\(name) answered \(result) without an answer") }
    }

    @Test(arguments: ["socket", "urlsession"])
    func nothingListeningIsAFailureNotAnAnswer(_ name: String) throws {
        let result = Self.transport(name).post(try Self.message(port: try WebhookReceiver.closedPort()), timeoutMs: 2_000)
        if case .success = result { Issue.record("\(name) answered \(result)") }
    }

    @Test func httpsWithoutATLSTransportFailsWithAReason() throws {
        var message = try Self.message(port: 9)
        message.url = try WebhookURL.parse("https://127.0.0.1:9/in").get()
        #expect(SchemeWebhookTransport(tls: nil).post(message, timeoutMs: 100) == .failure(WebhookTransportError("https is not available in this build")))
    }
}
