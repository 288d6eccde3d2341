import Foundation
import Testing

/// Query parameters a demanding user tries: the event listing's time range, and how far ahead a
/// balance's `expiring_soon` looks.
@Suite("Query gaps")
struct QueryGapsTests {
    @Test func anEventRangeWhoseEndIsNotAfterItsStartIsABadRequest() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let backwards = try admin.get("/v1/events?from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z")
        #expect(backwards.status == 400)
        #expect(backwards.text.contains("query.to"), "\(backwards.text)")
        #expect(try admin.get("/v1/events?from=2026-11-21T00:00:00Z&to=2026-11-21T00:00:00Z").status == 400)
        #expect(try admin.get("/v1/events?from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z").status == 200)
    }

    @Test func everyBadQueryParameterOfAnEventListingIsReportedAtOnce() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let bad = try admin.get("/v1/events?from=yesterday&member_id=a%20b&type=&limit=501&to=2026-11-21T00:00:00Z")
        #expect(bad.status == 400)
        let paths = Set(((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["query.from", "query.member_id", "query.type", "query.limit"], "\(bad.text)")
    }

    @Test func expiringSoonLooksAsFarAheadAsAsked() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 45]])])
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        let credit: [String: Any] = ["member_id": "ann", "currency": "points", "amount": 70, "reason": "welcome"]
        #expect(try admin.post("/v1/adjustments", credit).status == 201)
        func expiring(_ query: String) throws -> Int? {
            let balances = try admin.get("/v1/members/ann/balances\(query)").json["balances"] as? [String: [String: Int]]
            return balances?["points"]?["expiring_soon"]
        }
        #expect(try expiring("") == 0)  // 45 days away: not within the default 30
        #expect(try expiring("?expiring_within_days=60") == 70)
        #expect(try expiring("?expiring_within_days=0") == 0)
        let bad = try admin.get("/v1/members/ann/balances?expiring_within_days=-1")
        #expect(bad.status == 400 && bad.text.contains("query.expiring_within_days"), "\(bad.text)")
        #expect(try admin.get("/v1/organizations/acme/balances?expiring_within_days=abc").status == 400)
        #expect(try admin.get("/v1/organizations/acme/balances?expiring_within_days=90").status == 200)
    }
}
