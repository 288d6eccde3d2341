import Foundation
import Testing

/// A member's ledger listing shows how each earn posting was made — the rule's amount, the tier
/// multiplier, each boost's bonus — in JSON and in CSV, as the event's answer did.
@Suite("Ledger breakdown")
struct LedgerBreakdownTests {
    @Test func earnPostingsInTheListingShowTheirMultiplierAndEachBoostUse() throws {
        let program = try BoostTests.Program()
        _ = try program.deal("d-gold", 20_000)  // Gold (×1.25) from the next event on
        let quiz = try program.post("q-1", "quiz.passed")
        let boostID = try #require(BoostTests.boosts(quiz, "granted").first?["id"] as? Int)
        let deal = try program.deal("d-1", 1_000)
        #expect(BoostTests.posting(deal)["amount"] as? Int == 1_275)  // 1 000 × 1.25 + 2 %

        let entries = try program.admin.get("/v1/members/ann/ledger").items
        let byEvent = Dictionary(entries.map { ($0["event_id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let boosted = try #require(byEvent["d-1"])
        #expect(boosted["amount"] as? Int == 1_275)
        #expect(boosted["base_amount"] as? Int == 1_000)
        #expect(boosted["multiplier"] as? Double == 1.25)
        #expect(boosted["amount_before_boosts"] as? Int == 1_250)
        #expect(boosted["boost_bonus"] as? Int == 25)
        let uses = boosted["boosts"] as? [[String: Any]] ?? []
        #expect(uses.count == 1 && uses.first?["boost_id"] as? Int == boostID && uses.first?["percent"] as? Int == 2
            && uses.first?["bonus"] as? Int == 25)
        // Multiplied but not boosted: a quiz is not a deal.
        #expect(byEvent["q-1"]?["base_amount"] as? Int == 100 && byEvent["q-1"]?["multiplier"] as? Double == 1.25)
        #expect(byEvent["q-1"]?["boosts"] == nil)
        // Neither: the plain posting is as before.
        #expect(byEvent["d-gold"]?["base_amount"] == nil && byEvent["d-gold"]?["boosts"] == nil)

        let csv = try program.admin.request("GET", "/v1/members/ann/ledger", headers: [("Accept", "text/csv")])
        let row = csv.text.components(separatedBy: "\r\n").first { $0.contains(",d-1,") }
        #expect(row?.hasSuffix(",1000,1.25,1250,25,\(boostID):2%:25") == true, "\(csv.text)")
    }
}
