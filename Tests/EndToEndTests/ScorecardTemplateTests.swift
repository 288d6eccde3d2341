import Foundation
import Testing

/// Scorecard templates through the real server: DESIGN.md's example accepted with its bands'
/// recommendations, replaced and listed, refused with the path of every problem and nothing
/// written, changed by admin keys only and read by every key.
@Suite("Scorecard templates")
struct ScorecardTemplateTests {
    static var legal: [String: Any] {
        ["name": "Legal suppliers", "window_days": 365, "half_life_days": 90,
         "kpis": [["id": "time", "kind": "on_time", "weight": 40, "target": 90, "lateness": [["hours_late": 24, "score": 50], ["hours_late": 72, "score": 0]]],
                  ["id": "service", "kind": "rating", "dimension": "service", "weight": 30, "target": 80],
                  ["id": "quality", "kind": "rating", "dimension": "quality", "weight": 30, "target": 80]],
         "bands": [["id": "preferred", "min": 85], ["id": "approved", "min": 70], ["id": "at_risk", "min": 50], ["id": "probation", "min": 0]]]
    }

    @Test func aTemplateIsDefinedReadListedAndDeleted() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        #expect(try admin.organization("alpha", kind: "supplier").status == 201)
        let created = try admin.put("/v1/scorecard-templates/legal", Self.legal)
        #expect(created.status == 201 && created.header("Location") == "/v1/scorecard-templates/legal")
        #expect(try admin.put("/v1/scorecard-templates/legal", Self.legal).status == 200)
        let supplier = server.client(key: try admin.createKey(["role": "partner", "name": "alpha", "organization_id": "alpha"]).secret)
        let read = try supplier.get("/v1/scorecard-templates/legal")
        #expect(read.status == 200)
        let bands = read.json["bands"] as? [[String: Any]] ?? []
        #expect(bands.compactMap { $0["recommendation"] as? String } == ["expand", "renew", "renew_with_improvement_plan", "re_tender"])
        let kpis = read.json["kpis"] as? [[String: Any]] ?? []
        #expect(kpis.compactMap { $0["floor"] as? Int } == [0, 0, 0] && read.json["min_interactions"] as? Int == 5)
        #expect(try supplier.get("/v1/scorecard-templates").items.count == 1)
        #expect(try supplier.put("/v1/scorecard-templates/other", Self.legal).status == 403)
        #expect(try supplier.delete("/v1/scorecard-templates/legal").status == 403)
        let audited = try admin.get("/v1/audit?entity_kind=scorecard_template").items.compactMap { $0["action"] as? String }
        #expect(audited == ["scorecard_template.put"], "one change, the replace that changed nothing is not one")
        #expect(try admin.delete("/v1/scorecard-templates/legal").status == 204)
        #expect(try admin.get("/v1/scorecard-templates/legal").status == 404)
    }

    @Test func aRefusedTemplateIsProblemJSONWithPathsAndWritesNothing() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        var bad = Self.legal
        bad["kpis"] = [["id": "late", "kind": "duration", "weight": 10, "target": 48],
                       ["id": "defects", "kind": "rate", "weight": 10, "target": 2, "dimension": "x"]]
        bad["bands"] = [["id": "preferred", "min": 85], ["id": "approved", "min": 70]]
        let refused = try admin.put("/v1/scorecard-templates/legal", bad)
        #expect(refused.status == 400 && refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let paths = Set((refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["$.kpis[0].floor", "$.kpis[1].flag", "$.kpis[1].dimension", "$.bands[1].min"])
        #expect(try admin.get("/v1/scorecard-templates/legal").status == 404)
        #expect(try admin.get("/v1/scorecard-templates").items.isEmpty)
    }
}
