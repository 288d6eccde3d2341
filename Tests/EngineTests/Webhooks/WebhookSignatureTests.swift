import Engine
import Testing

/// `Laurel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, checked against
/// MACs computed independently (Python's hmac module) for these literal inputs.
@Suite struct WebhookSignatureTests {
    static let secret = "whsec_test_0123456789"
    static let body = Array(#"{"id":"7","kind":"badge.earned"}"#.utf8)

    @Test func theHeaderSignsTheTimestampAndTheBodyTogether() {
        #expect(WebhookSignature.header(secret: Self.secret, unixSeconds: 1_700_000_000, body: Self.body)
            == "t=1700000000,v1=abefa5ae7be567088166dfd2f44016d20fd35a599b2a9f58cb55a066261ea2b3")
        #expect(WebhookSignature.header(secret: Self.secret, unixSeconds: 1_700_000_001, body: Self.body)
            == "t=1700000001,v1=f0ff6fe4d44fb37a880ecdc9edaaa9ed2cc62b1418d9bf84879eeb90362b345d", "another second, another MAC")
    }

    @Test func verificationAcceptsOnlyTheRightSecretBodyAndARecentTimestamp() {
        let header = "t=1700000000,v1=abefa5ae7be567088166dfd2f44016d20fd35a599b2a9f58cb55a066261ea2b3"
        #expect(WebhookSignature.verify(header: header, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_100))
        #expect(!WebhookSignature.verify(header: header, secret: "whsec_test_0123456780", body: Self.body, nowUnixSeconds: 1_700_000_100))
        #expect(!WebhookSignature.verify(header: header, secret: Self.secret, body: Self.body + [0x20], nowUnixSeconds: 1_700_000_100))
        #expect(!WebhookSignature.verify(header: header, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_301), "older than the tolerance")
        #expect(WebhookSignature.verify(header: header, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_300), "at the tolerance")
        let moved = "t=1700000001,v1=abefa5ae7be567088166dfd2f44016d20fd35a599b2a9f58cb55a066261ea2b3"
        #expect(!WebhookSignature.verify(header: moved, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_000), "t is signed too")
    }

    @Test func anyV1EntryMayMatchAndMalformedHeadersAreRefused() {
        let rotated = "t=1700000000, v1=00, v1=ABEFA5AE7BE567088166DFD2F44016D20FD35A599B2A9F58CB55A066261EA2B3"
        #expect(WebhookSignature.verify(header: rotated, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_000))
        for header in ["", "v1=abefa5ae7be567088166dfd2f44016d20fd35a599b2a9f58cb55a066261ea2b3", "t=1700000000", "t=x,v1=00", "garbage"] {
            #expect(!WebhookSignature.verify(header: header, secret: Self.secret, body: Self.body, nowUnixSeconds: 1_700_000_000), "\(header)")
        }
    }

    @Test func aMessageCarriesItsIdKindAndTimeAndIsSignedWithTheSendingTime() throws {
        let url = try WebhookURL.parse("http://127.0.0.1:9000/hooks?x=1").get()
        let due = DueWebhookDelivery(
            candidate: .init(id: 42, webhookID: "crm", lane: "member:ann", outboxSeq: 7, nextAttemptAt: nil), url: url,
            secret: Self.secret, kind: "badge.earned", createdAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_123),
            data: ["badge_id": "first-deal"])
        let message = WebhookMessage.make(due, sentAt: Timestamp(millisecondsSinceEpoch: 1_700_000_005_999), userAgent: "laurel/0.1.0")
        #expect(String(decoding: message.body, as: UTF8.self)
            == #"{"id":"42","kind":"badge.earned","created_at":"2023-11-14T22:13:20.123Z","data":{"badge_id":"first-deal"}}"#)
        let headers = Dictionary(uniqueKeysWithValues: message.headers.map { ($0.name, $0.value) })
        #expect(headers["Content-Type"] == "application/json" && headers["Laurel-Delivery"] == "42" && headers["User-Agent"] == "laurel/0.1.0")
        let signature = try #require(headers["Laurel-Signature"])
        #expect(signature.hasPrefix("t=1700000005,v1="))
        #expect(WebhookSignature.verify(header: signature, secret: Self.secret, body: message.body, nowUnixSeconds: 1_700_000_006))
    }
}
