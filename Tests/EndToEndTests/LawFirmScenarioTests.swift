import Foundation
import Testing

/// Issue 5's scenario, through the real server: a law firm scores three suppliers (court reporting,
/// translation, expert witnesses) and a newcomer on SLA due dates and on service and quality
/// ratings. One late delivery pulls the translator's time KPI below target; the translator disputes
/// an unfair rating and the admin voids it; the translator sees its own scorecard and percentile and
/// nothing of the others; the ranking by lower bound decides who is renewed and who is re-tendered.
///
/// Every interaction completes at the same moment, so decay weighs them equally and the figures
/// below are computed by hand: a rating r scores (r − 1) · 25 against a target of 80; time scores
/// 100 on time and 25 at 48 hours late (the curve 24 h → 50, 72 h → 0) against a target of 90.
@Suite("Law-firm scenario")
struct LawFirmScenarioTests {
    static let suppliers = ["harbor-reporting", "lexis-translate", "quill-experts", "newcomer-forensics"]

    struct Program: ProgramFixture {
        let running: ProgramServer
        let completed = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))

        init() throws {
            running = try ProgramServer(
                configuration: InteractionTests.Program.configuration,
                organizations: ["lawfirm"], members: [:])
            for supplier in LawFirmScenarioTests.suppliers {
                guard try admin.organization(supplier, kind: "supplier").status == 201 else { throw RawHTTPError(description: supplier) }
            }
            guard try admin.member("partner-1", organization: "lawfirm", role: "decision_maker").status == 201 else {
                throw RawHTTPError(description: "partner-1")
            }
        }

        /// Delivered `hoursLate` after its due time (negative: early), rated by the firm's partner.
        func deliver(_ id: String, by supplier: String, hoursLate: Double, service: Int, quality: Int) throws {
            let formatter = ISO8601DateFormatter()
            let response = try portal.post("/v1/interactions", [
                "id": id, "supplier_id": supplier, "template_id": "legal", "reference": "matter-\(id)",
                "due_at": formatter.string(from: completed.addingTimeInterval(-hoursLate * 3600)),
                "completed_at": formatter.string(from: completed),
                "ratings": ["service": service, "quality": quality], "rated_by": "partner-1",
            ])
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
        }

        func scorecard(_ supplier: String, as client: APIClient? = nil) throws -> [String: Any] {
            try (client ?? admin).get("/v1/organizations/\(supplier)/scorecard").json
        }

        func points(_ supplier: String) throws -> Int? {
            let balances = try admin.get("/v1/organizations/\(supplier)/balances").json["balances"] as? [String: Any]
            return (balances?["points"] as? [String: Any])?["available"] as? Int
        }
    }

    static func kpi(_ id: String, of card: [String: Any]) -> [String: Any]? {
        (card["kpis"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func theRankingOfAYearsWorkDecidesWhoIsRenewedAndWhoIsReTendered() throws {
        let program = try Program()
        for index in 1...6 { try program.deliver("h-\(index)", by: "harbor-reporting", hoursLate: -2, service: 5, quality: 5) }
        for index in 1...4 { try program.deliver("l-\(index)", by: "lexis-translate", hoursLate: -1, service: 4, quality: 3) }
        try program.deliver("l-late", by: "lexis-translate", hoursLate: 48, service: 4, quality: 3)
        try program.deliver("l-unfair", by: "lexis-translate", hoursLate: -1, service: 1, quality: 1)
        for index in 1...5 { try program.deliver("q-\(index)", by: "quill-experts", hoursLate: 24, service: 2, quality: 2) }
        try program.deliver("n-1", by: "newcomer-forensics", hoursLate: -3, service: 5, quality: 5)

        // On time pays 10 points to the supplier, through the rules engine.
        #expect(try program.points("harbor-reporting") == 60)
        #expect(try program.points("lexis-translate") == 50, "four on time and the unfair one; the late delivery earns nothing")
        #expect(try program.points("quill-experts") == nil || program.points("quill-experts") == 0)

        // Before the dispute: time (5 · 100 + 25) / 6 = 87.5 scores 97.2; service 62.5 scores 78.1; quality 41.7 scores 52.1.
        var lexis = try program.scorecard("lexis-translate")
        #expect(lexis["interactions"] as? Int == 6 && lexis["overall"] as? Double == 78.0 && lexis["band"] as? String == "approved")

        // The translator disputes the unfair rating with its own key; while open it is out of the score.
        let translator = program.server.client(
            key: try program.admin.createKey(["role": "partner", "name": "lexis", "organization_id": "lexis-translate"]).secret)
        let opened = try translator.post("/v1/disputes", ["interaction_id": "l-unfair", "reason": "rated on a matter the client withdrew"])
        #expect(opened.status == 201)
        let disputeID = try #require(opened.json["id"] as? String)
        #expect(try program.scorecard("lexis-translate")["interactions"] as? Int == 5)
        let voided = try program.admin.post("/v1/disputes/\(disputeID)/resolve", ["decision": "void", "note": "withdrawn matter, not the supplier's doing"])
        #expect(voided.status == 200 && voided.json["status"] as? String == "voided")
        let audited = try program.admin.get("/v1/audit?entity_kind=dispute").items.compactMap { $0["action"] as? String }
        #expect(audited.sorted() == ["dispute.open", "dispute.void"])

        // After: time (4 · 100 + 25) / 5 = 85 scores 94.4, below its target of 90, pulled down by the late delivery;
        // service 75 scores 93.75; quality 50 scores 62.5; overall 84.65, 0.35 short of preferred.
        lexis = try program.scorecard("lexis-translate", as: translator)
        #expect(lexis["interactions"] as? Int == 5 && lexis["provisional"] as? Bool == false)
        #expect(lexis["overall"] as? Double == 84.7 && lexis["band"] as? String == "approved" && lexis["recommendation"] as? String == "renew")
        let nextBand = lexis["next_band"] as? [String: Any]
        #expect(nextBand?["id"] as? String == "preferred" && nextBand?["gap"] as? Double == 0.3)
        let time = try #require(Self.kpi("time", of: lexis))
        #expect(time["value"] as? Double == 85 && time["score"] as? Double == 94.4 && time["below_target"] as? Bool == true)
        #expect((time["pulled_down_by"] as? [[String: Any]])?.compactMap { $0["interaction_id"] as? String } == ["l-late"])
        #expect((Self.kpi("quality", of: lexis)?["pulled_down_by"] as? [Any])?.count == 3, "rated 3 of 5 every time: the three lowest shown")
        #expect((lexis["reasons"] as? [String])?.contains { $0.hasPrefix("time scores 94.4, below its target of 90") } == true)

        // Its own standing, as numbers only: second of four, ahead of two of the three others.
        let standing = lexis["standing"] as? [String: Any]
        #expect(standing?["rank"] as? Int == 2 && standing?["peers"] as? Int == 4 && standing?["percentile"] as? Double == 66.7)
        let own = try translator.get("/v1/organizations/lexis-translate/scorecard")
        for other in Self.suppliers where other != "lexis-translate" {
            #expect(!own.text.contains(other) && !own.text.contains("Org \(other)"), "nothing of \(other) in the supplier's own scorecard")
            #expect(try translator.get("/v1/organizations/\(other)/scorecard").status == 404)
        }
        #expect(try translator.get("/v1/interactions/h-1").status == 404)
        #expect(try translator.get("/v1/scorecards?template_id=legal").status == 403)
        #expect(Set(try translator.get("/v1/interactions?limit=50").items.compactMap { $0["id"] as? String })
            == ["l-1", "l-2", "l-3", "l-4", "l-late", "l-unfair"])

        // The admin's ranking by lower bound: the newcomer's one perfect rating (overall 100) ranks below the
        // translator's five, and the expert witnesses, late every time and rated 2, are to be re-tendered.
        let ranking = try program.admin.get("/v1/scorecards?template_id=legal").json["items"] as? [[String: Any]] ?? []
        #expect(ranking.map { ($0["supplier"] as? [String: Any])?["id"] as? String }
            == ["harbor-reporting", "lexis-translate", "newcomer-forensics", "quill-experts"])
        #expect(ranking.map { $0["recommendation"] as? String } == ["expand", "renew", "expand", "re_tender"])
        #expect(ranking.map { $0["band"] as? String } == ["preferred", "approved", "preferred", "probation"])
        let newcomer = try #require(ranking.first { ($0["supplier"] as? [String: Any])?["id"] as? String == "newcomer-forensics" })
        #expect(newcomer["overall"] as? Double == 100 && newcomer["provisional"] as? Bool == true)
        #expect((newcomer["lower_bound"] as? Double ?? 100) < (ranking[1]["lower_bound"] as? Double ?? 0))
        let bounds = ranking.compactMap { $0["lower_bound"] as? Double }
        #expect(bounds == bounds.sorted(by: >) && bounds.count == 4)
        let csv = try program.admin.request("GET", "/v1/scorecards?template_id=legal", headers: [("Accept", "text/csv")])
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let rows = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "rank,supplier_id,supplier_name,lower_bound,overall,band,recommendation,interactions,provisional")
        #expect(rows.count == 5 && rows.last?.hasPrefix("4,quill-experts,Org quill-experts,") == true && rows.last?.hasSuffix(",41.0,probation,re_tender,5,false") == true)
        let quill = try program.scorecard("quill-experts")
        #expect(quill["overall"] as? Double == 41 && (quill["reasons"] as? [String])?.first?.hasSuffix("re_tender") == true)
    }
}
