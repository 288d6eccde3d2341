import Foundation
import Synchronization
import Testing

/// Interactions and scorecards through the real server: an interaction scored at once with the
/// supplier's updated scorecard, a late delivery pulling its KPI below target, suppliers earning
/// through rules on interaction.recorded, replays, validation, and a supplier seeing its own
/// scorecard and nothing of another's.
@Suite("Interactions and scorecards")
struct InteractionTests {
    struct Program: ProgramFixture {
        let running: ProgramServer
        /// Every interaction of a test completes at this one time, so that posting one again is the same body.
        let completed = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded(.down))

        /// Points, the legal template, and 10 points to a supplier for each delivery on time.
        static var configuration: [(String, [String: Any])] {
            [
                ("/v1/currencies/points", ["name": "Points"]),
                ("/v1/scorecard-templates/legal", ScorecardTemplateTests.legal),
                ("/v1/rules/on-time", ["name": "On time", "on": "interaction.recorded",
                                       "when": ["fact": "event.on_time", "op": "eq", "value": true],
                                       "then": [["award": ["currency": "points", "amount": 10, "to": "organization"]]]]),
            ]
        }

        init() throws {
            running = try ProgramServer(
                configuration: Self.configuration, organizations: ["alpha", "beta", "lawfirm"], members: ["buyer-1": "lawfirm"])
        }

        func record(_ id: String, supplier: String = "alpha", hoursLate: Double, service: Int, quality: Int) throws -> WireResponse {
            let formatter = ISO8601DateFormatter()
            return try portal.post("/v1/interactions", [
                "id": id, "supplier_id": supplier, "template_id": "legal", "reference": "matter-\(id)",
                "due_at": formatter.string(from: completed.addingTimeInterval(-hoursLate * 3600)), "completed_at": formatter.string(from: completed),
                "ratings": ["service": service, "quality": quality], "rated_by": "buyer-1", "tip": ["amount": 500, "currency": "EUR"],
            ])
        }
    }

    @Test func anInteractionIsScoredAtOnceWithTheSuppliersUpdatedScorecard() throws {
        let program = try Program()
        let first = try program.record("i-1", hoursLate: -2, service: 5, quality: 5)
        #expect(first.status == 201 && first.header("Location") == "/v1/interactions/i-1")
        let kpis = first.json["kpis"] as? [[String: Any]] ?? []
        #expect(kpis.compactMap { $0["id"] as? String } == ["time", "service", "quality"] && kpis.allSatisfy { $0["met_target"] as? Bool == true })
        var card = first.json["scorecard"] as? [String: Any]
        #expect(card?["overall"] as? Double == 100 && card?["band"] as? String == "preferred" && card?["provisional"] as? Bool == true)
        let event = first.json["event"] as? [String: Any]
        #expect((event?["postings"] as? [[String: Any]])?.first?["to"] as? String == "organization:alpha", "the on-time rule paid the supplier")

        let late = try program.record("i-2", hoursLate: 48, service: 4, quality: 4)
        #expect(late.status == 201)
        let lateTime = (late.json["kpis"] as? [[String: Any]])?.first { $0["id"] as? String == "time" }
        #expect(lateTime?["value"] as? Double == 25 && lateTime?["met_target"] as? Bool == false, "48 h late is 25 on the curve")
        card = late.json["scorecard"] as? [String: Any]
        let time = (card?["kpis"] as? [[String: Any]])?.first { $0["id"] as? String == "time" }
        #expect(time?["value"] as? Double == 62.5 && time?["below_target"] as? Bool == true && time?["sample_size"] as? Int == 2)
        #expect((card?["reasons"] as? [String])?.contains { $0.hasPrefix("time scores") } == true)
        let pulledDown = time?["pulled_down_by"] as? [[String: Any]]
        #expect(pulledDown?.map { $0["interaction_id"] as? String } == ["i-2"] && pulledDown?.first?["reference"] as? String == "matter-i-2")
        #expect(((late.json["event"] as? [String: Any])?["postings"] as? [Any])?.isEmpty == true, "late: the rule does not pay")

        let replay = try program.record("i-2", hoursLate: 48, service: 4, quality: 4)
        #expect(replay.status == 200 && replay.header("Idempotent-Replayed") == "true")
        #expect(try program.record("i-2", hoursLate: 48, service: 1, quality: 1).status == 422, "the same id with another body")
        let balances = try program.admin.get("/v1/organizations/alpha/balances").json["balances"] as? [String: Any]
        #expect((balances?["points"] as? [String: Any])?["available"] as? Int == 10)
        let read = try program.admin.get("/v1/organizations/alpha/scorecard")
        #expect(read.status == 200 && read.json["interactions"] as? Int == 2 && read.json["template_id"] as? String == "legal")
        let trend = read.json["trend"] as? [[String: Any]] ?? []
        #expect(trend.isEmpty, "no month has closed since the template was made: nothing kept yet (ScorecardPeriodTests)")
        #expect((try program.admin.get("/v1/interactions/i-1").json["interaction"] as? [String: Any])?["tip"] is [String: Any])
    }

    /// Recorded concurrently, while committed interactions are folded into the in-memory scorecards
    /// behind the writer: each answer's scorecard counts every interaction committed before it and
    /// itself, so a supplier's answers count 1, 2, … N, each once, and a read afterwards agrees.
    @Test func concurrentRecordingsEachSeeEveryEarlierOneOfTheirSupplier() throws {
        let program = try Program()
        let perClient = 15
        let counts = Mutex<[String: [Int]]>([:])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { client in
            for index in 0..<perClient {
                let supplier = (client + index) % 2 == 0 ? "alpha" : "beta"
                do {
                    let answer = try program.record("c-\(client)-\(index)", supplier: supplier, hoursLate: Double(index % 3) * 20 - 10,
                                                    service: 1 + index % 5, quality: 5)
                    guard answer.status == 201, let seen = (answer.json["scorecard"] as? [String: Any])?["interactions"] as? Int else {
                        throw RawHTTPError(description: "\(answer.status) \(answer.text)")
                    }
                    counts.withLock { $0[supplier, default: []].append(seen) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        for (supplier, seen) in counts.withLock({ $0 }) {
            #expect(seen.sorted() == Array(1...seen.count), "\(supplier): every answer saw all committed before it")
            let read = try program.admin.get("/v1/organizations/\(supplier)/scorecard")
            #expect(read.json["interactions"] as? Int == seen.count)
        }
        #expect(counts.withLock { $0.values.map(\.count).reduce(0, +) } == 6 * perClient)
    }

    @Test func aSupplierSeesItsOwnScorecardAndNothingOfAnothers() throws {
        let program = try Program()
        #expect(try program.record("a-1", supplier: "alpha", hoursLate: 0, service: 4, quality: 4).status == 201)
        #expect(try program.record("b-1", supplier: "beta", hoursLate: 0, service: 2, quality: 2).status == 201)
        let alpha = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "alpha", "organization_id": "alpha"]).secret)
        let own = try alpha.get("/v1/organizations/alpha/scorecard")
        #expect(own.status == 200)
        let standing = own.json["standing"] as? [String: Any]
        #expect(standing?["rank"] as? Int == 1 && standing?["peers"] as? Int == 2 && standing?["percentile"] as? Double == 100)
        #expect(!own.text.contains("beta"), "nothing of the other supplier")
        let ranking = try program.admin.get("/v1/scorecards?template_id=legal")
        let ranked = ranking.json["items"] as? [[String: Any]] ?? []
        #expect(ranked.map { ($0["supplier"] as? [String: Any])?["id"] as? String } == ["alpha", "beta"])
        #expect(ranked.first?["lower_bound"] as? Double ?? 100 < ranked.first?["overall"] as? Double ?? 0, "ranked by a bound below the mean")
        #expect(try alpha.get("/v1/scorecards?template_id=legal").status == 403)
        #expect(try program.admin.get("/v1/scorecards").status == 400)
        #expect(try program.admin.get("/v1/scorecards?template_id=nope").status == 404)
        #expect(try alpha.get("/v1/organizations/beta/scorecard").status == 404)
        #expect(try alpha.get("/v1/interactions/b-1").status == 404)
        #expect(try alpha.get("/v1/interactions").items.compactMap { ($0["id"] as? String) } == ["a-1"])
        #expect(try alpha.get("/v1/interactions?supplier_id=beta").items.isEmpty)
        #expect(try program.admin.get("/v1/interactions?supplier_id=beta").items.count == 1)
        #expect(try alpha.post("/v1/interactions", ["id": "x", "supplier_id": "alpha", "template_id": "legal"]).status == 403,
                "a supplier does not rate itself")
    }

    @Test func theRankingIsWholeByDefaultAndPagedOnRequest() throws {
        let program = try Program()
        for (index, supplier) in ["alpha", "beta", "lawfirm"].enumerated() {
            #expect(try program.record("r-\(index)", supplier: supplier, hoursLate: 0, service: 5 - index, quality: 5 - index).status == 201)
        }
        let whole = try program.admin.get("/v1/scorecards?template_id=legal")
        #expect(whole.items.count == 3 && whole.json["next_cursor"] is NSNull)
        let ids = whole.items.compactMap { ($0["supplier"] as? [String: Any])?["id"] as? String }
        var paged: [String] = []
        var path = "/v1/scorecards?template_id=legal&limit=2"
        for _ in 0..<3 {
            let page = try program.admin.get(path)
            #expect(page.status == 200 && page.items.count <= 2)
            paged += page.items.compactMap { ($0["supplier"] as? [String: Any])?["id"] as? String }
            guard let next = page.json["next_cursor"] as? String else { break }
            path = "/v1/scorecards?template_id=legal&limit=2&cursor=\(next)"
        }
        #expect(paged == ids && paged.count == 3, "two pages give the whole ranking in order")
        #expect(try program.admin.get("/v1/scorecards?template_id=legal&limit=0").status == 400)
        #expect(try program.admin.get("/v1/scorecards?template_id=legal&cursor=nonsense").status == 400)
    }

    @Test func aRefusedInteractionIsProblemJSONWithPathsAndWritesNothing() throws {
        let program = try Program()
        let shape = try program.portal.post("/v1/interactions", ["id": "x", "supplier_id": "alpha", "ratings": ["service": 6], "flags": "late"])
        #expect(shape.status == 400 && shape.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(Set((shape.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            == ["$.template_id", "$.ratings.service", "$.flags"])
        let names = try program.portal.post("/v1/interactions", ["id": "x", "supplier_id": "nobody", "template_id": "none", "rated_by": "ghost"])
        #expect(names.status == 422)
        #expect(Set((names.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            == ["$.supplier_id", "$.template_id", "$.rated_by"])
        #expect(try program.admin.get("/v1/interactions/x").status == 404)
        #expect(try program.admin.get("/v1/organizations/alpha/scorecard").status == 404, "nothing to score yet")
    }
}
