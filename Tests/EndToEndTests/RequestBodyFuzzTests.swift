import Foundation
import Testing
import TestRandom

/// Every write route of the real server, fed valid bodies with random parts replaced, removed or
/// duplicated: each answer is a success or a 4xx problem, never a 5xx, and the server is still up
/// and answering afterwards. (`DocumentParserFuzzTests` does the same to the parsers alone; this
/// also covers what the routes check themselves and what the engine does with what passes.)
@Suite("Request body fuzzing")
struct RequestBodyFuzzTests {
    static var targets: [(method: String, path: String, seed: [String: Any])] { [
        ("PUT", "/v1/currencies/fuzz", ["name": "Fuzz", "redeemable": true, "expiry": ["after_days": 30], "pending_days": 0]),
        ("PUT", "/v1/badges/fuzz-badge", ["name": "Fuzz badge", "repeatable": false]),
        ("PUT", "/v1/rules/fuzz", [
            "name": "Fuzz", "on": "deal.closed", "priority": 1,
            "when": ["all": [["fact": "event.amount", "op": "gte", "value": 10], ["fact": "member.role", "op": "in", "value": ["sales"]]]],
            "then": [["award": ["currency": "points", "amount": "floor(event.amount / 10)", "to": "member"]], ["badge": "fuzz-badge"]],
            "limits": [["per": "member", "period": "day", "max_count": 3]],
        ]),
        ("PUT", "/v1/tier-ladders/fuzz", [
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "base", "threshold": 0], ["id": "top", "threshold": 100, "benefits": ["multiplier": 1.5]]],
            "downgrade": ["policy": "at_review", "grace_days": 10],
        ]),
        ("PUT", "/v1/rewards/fuzz", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 5], "stock": 10]),
        ("PUT", "/v1/leaderboards/fuzz", [
            "name": "Fuzz board", "subject": "organization", "period": "week", "partition_by": "segment",
            "metric": ["currency": "points", "aggregate": "average"], "filters": ["organization_kind": ["partner"]],
        ]),
        ("PUT", "/v1/goals/fuzz", [
            "name": "Fuzz goal", "subject": "member", "period": "week", "metric": ["event_type": "deal.closed", "sum": "amount"],
            "levels": [["id": "l1", "target": 100, "award": ["currency": "points", "amount": 5]], ["id": "l2", "target": 500, "badge": "fuzz-badge"]],
        ]),
        ("PUT", "/v1/quests/fuzz", [
            "name": "Fuzz quest", "ordered": true, "enrollment": "explicit", "deadline_days": 30, "audience": ["roles": ["sales"]],
            "steps": [["id": "a", "match": ["type": "deal.closed", "when": ["fact": "event.amount", "op": "gte", "value": 10]], "count": 2,
                       "reward": [["award": ["currency": "points", "amount": 5, "to": "member"]]]],
                      ["id": "b", "match": ["type": "lead.registered"]]],
            "completion": [["badge": "fuzz-badge"], ["boost": ["percent": 5, "on": "deal.closed", "uses": 2, "expires_in_days": 30]]],
        ]),
        ("POST", "/v1/quests/fuzz/enrollments", ["member_id": "ann"]),
        ("PUT", "/v1/scorecard-templates/fuzz", [
            "name": "Fuzz scorecard", "window_days": 365, "half_life_days": 90, "prior": ["mean": 75, "weight": 5],
            "kpis": [["id": "time", "kind": "on_time", "weight": 40, "target": 90, "lateness": [["hours_late": 24, "score": 50]]],
                     ["id": "speed", "kind": "duration", "weight": 10, "target": 48, "floor": 120],
                     ["id": "service", "kind": "rating", "dimension": "service", "weight": 30, "target": 80]],
            "bands": [["id": "preferred", "min": 85], ["id": "approved", "min": 70], ["id": "probation", "min": 0]],
        ]),
        ("POST", "/v1/interactions", [
            "id": "fuzz-interaction", "supplier_id": "acme", "template_id": "fuzz", "reference": "m-1", "due_at": "2026-01-01T00:00:00Z",
            "ratings": ["service": 4], "flags": ["defect"], "rated_by": "ann", "tip": ["amount": 5, "currency": "EUR"],
        ]),
        ("POST", "/v1/disputes", ["interaction_id": "fuzz-interaction", "reason": "unfair"]),
        ("POST", "/v1/feedback", ["id": "fuzz-feedback", "kind": "nps", "organization_id": "acme", "member_id": "ann", "role": "decision_maker",
                                  "score": 9, "interaction_id": "fuzz-interaction", "comment": "fine"]),
        ("POST", "/v1/members/ann/notifications/read", ["ids": [1, 2]]),
        ("PUT", "/v1/message-templates/award", ["title": "You earned {{amount}}", "body": "Thanks {{member_name}}", "tips": ["a", "b"]]),
        ("PUT", "/v1/webhooks/fuzz", [
            "url": "http://127.0.0.1:9/hook", "kinds": ["notification.*", "badge.earned"], "secret": "0123456789abcdef", "active": true,
            "description": "Fuzz",
        ]),
        ("PUT", "/v1/organizations/fuzz-org", ["name": "Fuzz org", "kind": "partner", "segments": ["a"]]),
        ("PUT", "/v1/members/fuzz-member", ["organization_id": "acme", "role": "sales", "attributes": ["region": "emea"]]),
        ("POST", "/v1/events", ["id": "fuzz-event", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 120]]),
        ("POST", "/v1/events/batch", ["events": [["id": "fuzz-batch", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 50]]]]),
        ("POST", "/v1/events/dry-run", ["id": "fuzz-dry", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 50]]),
        ("POST", "/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": 10, "reason": "fuzz"]),
        ("POST", "/v1/transfers", ["from": ["member_id": "ann"], "to": ["organization_id": "acme"], "currency": "points", "amount": 1]),
        ("POST", "/v1/redemptions", ["reward_id": "fuzz", "member_id": "ann"]),
        ("POST", "/v1/simulations", [
            "mode": "add", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z",
            "rules": [["id": "sim", "name": "Sim", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 1]]]]],
        ]),
        ("POST", "/v1/keys", ["role": "partner", "name": "fuzz", "organization_id": "acme"]),
        ("POST", "/v1/events", ["id": "fuzz-badge-event", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 20]]),
        ("POST", "/v1/members/ann/badges/fuzz-badge/revoke", ["reason": "fuzz"]),
    ] }

    /// What a mutation puts in place of a part of a body.
    static var replacements: [Any] { [
        NSNull(), true, false, 0, -1, Int64.max, 1e300, 0.5, "", "member", "gte", "deal.closed", "2026-02-30T00:00:00Z",
        String(repeating: "x", count: 300), "\u{7}", [Any](), [1, "a"] as [Any], [String: Any](),
        ["fact": "event.x", "op": "between", "value": [1]] as [String: Any],
    ] }

    @Test func mutatedBodiesGetAnAnswerBelow500AndTheServerStaysUp() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([("/v1/currencies/points", ["name": "Points"])])
        try admin.createOrganizations(["acme"])
        try admin.createMembers(["ann": "acme"])
        var random = SplitMix64(state: 2026)
        var statuses: [Int: Int] = [:]
        for target in Self.targets {
            let seeded = try admin.request(target.method, target.path, json: target.seed)
            #expect(seeded.status < 300, "the seed of \(target.path) must be valid: \(seeded.text)")
            for _ in 0..<300 {
                var body: Any = target.seed
                for _ in 0..<(1 + Int(random.next() % 3)) { body = Self.mutate(body, random: &random) }
                guard JSONSerialization.isValidJSONObject(body) else { continue }
                let sent = String(describing: body)
                let response: WireResponse
                do {
                    response = try admin.request(target.method, target.path, json: body)
                } catch {
                    // No answer: say to what, whether the server is still up, and what it last logged.
                    let alive = (try? admin.get("/healthz").status) == 200
                    let logged = (server.stderr.text + server.stdout.text).suffix(2_000)
                    throw RawHTTPError(description: "\(target.method) \(target.path) with \(sent): \(error); server \(alive ? "up" : "down"); log: \(logged)")
                }
                statuses[response.status, default: 0] += 1
                #expect(response.status < 500, "\(target.method) \(target.path) answered \(response.status) to \(sent): \(response.text)")
            }
        }
        #expect(try admin.get("/healthz").status == 200)
        #expect((statuses[400] ?? 0) + (statuses[422] ?? 0) > 500, "mutations should mostly be refused: \(statuses)")
    }

    /// One random change somewhere in `value`: replaced, removed (a key or an element) or duplicated.
    static func mutate(_ value: Any, random: inout SplitMix64) -> Any {
        let descend = random.next() % 3 != 0
        if var object = value as? [String: Any], !object.isEmpty {
            let keys = object.keys.sorted()
            let key = keys[Int(random.next() % UInt64(keys.count))]
            if descend, let child = object[key] {
                object[key] = mutate(child, random: &random)
            } else if random.next() % 2 == 0 {
                object[key] = nil
            } else {
                object[key] = replacements[Int(random.next() % UInt64(replacements.count))]
            }
            return object
        }
        if var elements = value as? [Any], !elements.isEmpty {
            let index = Int(random.next() % UInt64(elements.count))
            if descend {
                elements[index] = mutate(elements[index], random: &random)
            } else if random.next() % 2 == 0 {
                elements.remove(at: index)
            } else {
                elements.append(elements[index])
            }
            return elements
        }
        return replacements[Int(random.next() % UInt64(replacements.count))]
    }
}

/// Every route's query parameters, as the OpenAPI document declares them, given random values
/// (and a parameter no route declares): each answer is a success or a 4xx problem.
@Suite("Query fuzzing")
struct QueryFuzzTests {
    static let values = [
        "", "0", "-1", "1", "500", "501", "true", "no", "2026-11-23T00:00:00Z", "2026-13-01", "ann", "acme", "a%20b",
        "%FF", "%", "x%00y", String(repeating: "z", count: 300), "active", "pending", "Y3Vyc29y",
    ]

    @Test func everyDeclaredQueryParameterTakesRandomValuesWithoutA5xx() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        try admin.configure([("/v1/currencies/points", ["name": "Points"])])
        try admin.createOrganizations(["acme"])
        try admin.createMembers(["ann": "acme"])
        let paths = try admin.get("/v1/openapi.json").json["paths"] as? [String: [String: Any]] ?? [:]
        var random = SplitMix64(state: 11)
        var sent = 0
        for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
            guard let get = operations["get"] as? [String: Any] else { continue }
            let names = ((get["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "query" }
                .compactMap { $0["name"] as? String }
            guard !names.isEmpty else { continue }
            let path = template.replacingOccurrences(of: "{id}", with: template.contains("organizations") ? "acme" : "ann")
            for _ in 0..<40 {
                var pairs: [String] = []
                for name in names where random.next() % 2 == 0 {
                    pairs.append("\(name)=\(Self.values[Int(random.next() % UInt64(Self.values.count))])")
                }
                if random.next() % 10 == 0 { pairs.append("undeclared=1") }
                let response = try admin.get(path + "?" + pairs.joined(separator: "&"))
                sent += 1
                #expect(response.status < 500, "GET \(path)?\(pairs.joined(separator: "&")) answered \(response.status): \(response.text)")
            }
        }
        #expect(sent > 200, "the document should list many routes with query parameters")
        #expect(try admin.get("/healthz").status == 200)
    }
}
