import Engine
import Testing
import TestRandom

/// Every parser of a request document, fed valid documents with random parts replaced, removed or
/// duplicated: each either accepts the document or refuses it with problems whose paths point into
/// it (`$…`). None traps, and none answers a refusal without saying where.
@Suite struct DocumentParserFuzzTests {
    /// A parser under test: its name (for failure messages) and how to call it.
    struct Subject: CustomStringConvertible, Sendable {
        let description: String
        let seed: String
        let parse: @Sendable (JSONValue) throws(DomainError) -> Void
    }

    static let subjects: [Subject] = [
        Subject(description: "rule", seed: #"""
            {"name": "Deal", "on": "deal.closed", "priority": 10,
             "when": {"all": [{"fact": "event.amount", "op": "gte", "value": 1000},
                              {"any": [{"fact": "member.role", "op": "in", "value": ["sales", "manager"]},
                                       {"not": {"fact": "member.count.deal.closed.month", "op": "lt", "value": 3}}]}]},
             "then": [{"award": {"currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"}},
                      {"award": {"currency": "credits", "amount": 50, "to": {"split": {"member": 60, "organization": 40}}}},
                      {"badge": "first-deal"}, {"tag": {"segment": "dealer", "to": "organization"}},
                      {"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 90}}],
             "limits": [{"per": "member", "period": "day", "max_count": 10},
                        {"per": "program", "max_amount": 1000000, "currency": "points"}],
             "active": {"from": "2026-01-01T00:00:00Z"}}
            """#) { body throws(DomainError) in _ = try RuleParser.parse(body, id: "rule") },
        Subject(description: "tier ladder", seed: #"""
            {"subject": "organization", "currency": "points", "window": "rolling_365d",
             "levels": [{"id": "bronze", "threshold": 0},
                        {"id": "gold", "criteria": [{"currency": "credits", "window": "calendar_year", "min": 20000},
                                                    {"members_with_badge": "certified", "min": 3}],
                         "benefits": {"multiplier": 1.25, "list": ["desk"]}}],
             "downgrade": {"policy": "at_review", "review": "quarter", "grace_days": 30}}
            """#) { body throws(DomainError) in _ = try TierLadderDraft.parse(body, id: "ladder") },
        Subject(description: "reward", seed: #"""
            {"name": "Mug", "kind": "merchandise", "cost": {"currency": "points", "amount": 1500}, "stock": 100,
             "per_member_limit": 2, "min_tier": {"ladder_id": "partners", "level_id": "gold"},
             "audience": {"roles": ["sales"], "organization_kinds": ["partner"]}}
            """#) { body throws(DomainError) in _ = try RewardDraft.parse(body, id: "reward") },
        Subject(description: "currency", seed: #"""
            {"name": "Points", "redeemable": true, "expiry": {"after_days": 365}, "pending_days": 14}
            """#) { body throws(DomainError) in _ = try CurrencyDraft.parse(body, id: "points") },
        Subject(description: "badge", seed: #"""
            {"name": "Quizzer", "repeatable": true, "valid_until": "2027-01-01T00:00:00Z",
             "criterion": {"event_type": "quiz.passed", "count": 5}}
            """#) { body throws(DomainError) in _ = try BadgeDraft.parse(body, id: "badge") },
        Subject(description: "leaderboard", seed: #"""
            {"name": "Top", "subject": "member", "period": "rolling_7d", "partition_by": "tier",
             "metric": {"event_type": "sale", "sum": "amount", "target_attribute": "target"}, "filters": {"role": ["sales"]}}
            """#) { body throws(DomainError) in _ = try LeaderboardDraft.parse(body, id: "top") },
        Subject(description: "goal", seed: #"""
            {"name": "Quota", "subject": "member", "period": "month", "metric": {"event_type": "sale", "sum": "amount"},
             "target_attribute": "quota", "levels": [{"id": "half", "percent": 50, "badge": "b"}, {"id": "full", "percent": 100,
             "award": {"currency": "points", "amount": 100}}]}
            """#) { body throws(DomainError) in _ = try GoalDraft.parse(body, id: "quota") },
        Subject(description: "scorecard template", seed: #"""
            {"name": "Legal", "window_days": 365, "half_life_days": 90, "prior": {"mean": 75, "weight": 5}, "min_interactions": 3,
             "kpis": [{"id": "time", "kind": "on_time", "weight": 40, "target": 90, "lateness": [{"hours_late": 24, "score": 50}]},
                      {"id": "speed", "kind": "duration", "weight": 10, "target": 48, "floor": 120},
                      {"id": "service", "kind": "rating", "dimension": "service", "weight": 30, "target": 80},
                      {"id": "defects", "kind": "rate", "flag": "defect", "weight": 20, "target": 2, "floor": 10}],
             "bands": [{"id": "preferred", "min": 85, "recommendation": "expand"}, {"id": "probation", "min": 0}]}
            """#) { body throws(DomainError) in _ = try ScorecardTemplateDraft.parse(body, id: "legal") },
        Subject(description: "interaction", seed: #"""
            {"id": "int-1", "supplier_id": "alpha", "template_id": "legal", "reference": "matter-7", "due_at": "2026-11-20T17:00:00Z",
             "started_at": "2026-11-18T09:00:00Z", "ratings": {"service": 5, "quality": 4}, "flags": ["defect"], "comment": "ok",
             "rated_by": "buyer-1", "tip": {"amount": 500, "currency": "EUR"}}
            """#) { body throws(DomainError) in
            _ = try InteractionDraft.parse(body, now: Timestamp(millisecondsSinceEpoch: 1_795_000_000_000))
        },
        Subject(description: "quest", seed: #"""
            {"name": "Onboarding", "ordered": true, "enrollment": "explicit", "deadline_days": 30, "audience": {"roles": ["sales"]},
             "steps": [{"id": "w", "match": {"type": "video.watched", "when": {"fact": "event.seconds", "op": "gte", "value": 60}},
             "count": 2, "reward": [{"award": {"currency": "points", "amount": 20, "to": "member"}}]}],
             "completion": [{"badge": "b"}, {"boost": {"percent": 2, "on": "deal.closed", "uses": 5, "expires_in_days": 90}}]}
            """#) { body throws(DomainError) in _ = try QuestDraft.parse(body, id: "q") },
        Subject(description: "message template", seed: #"""
            {"title": "You earned {{amount}} {{currency}}", "body": "Thanks {{ member_name }}", "tips": ["Did you know?", "More"]}
            """#) { body throws(DomainError) in _ = try MessageTemplateDraft.parse(body, trigger: "award") },
        Subject(description: "webhook", seed: #"""
            {"url": "https://hooks.example.com:8443/laurel?x=1", "kinds": ["notification.*", "badge.earned", "*"],
             "secret": "0123456789abcdef", "active": true, "description": "CRM"}
            """#) { body throws(DomainError) in _ = try WebhookDraft.parse(body, id: "crm") },
        Subject(description: "member", seed: #"""
            {"organization_id": "acme", "role": "sales", "team": "north", "status": "active", "public_profile": false,
             "attributes": {"region": "emea", "certified": true}}
            """#) { body throws(DomainError) in _ = try MemberDraft.parse(body, id: "ann") },
        Subject(description: "organization", seed: #"""
            {"name": "Acme", "kind": "partner", "parent_id": "dist", "segments": ["gold"], "attributes": {"size": 12}}
            """#) { body throws(DomainError) in _ = try OrganizationDraft.parse(body, id: "acme") },
        Subject(description: "event", seed: #"""
            {"id": "e-1", "type": "deal.closed", "member_id": "ann", "organization_id": "acme",
             "occurred_at": "2026-11-23T10:00:00Z", "properties": {"amount": 1200, "product": "x", "tags": ["a"]}}
            """#) { body throws(DomainError) in
                _ = try EventDraft.parse(body, now: RFC3339.parse("2026-11-23T12:00:00Z")!)
            },
        Subject(description: "badge revocation", seed: #"""
            {"reason": "booked twice", "event_id": "d-1"}
            """#) { body throws(DomainError) in _ = try BadgeRevocation.parse(body) },
        Subject(description: "adjustment", seed: #"""
            {"member_id": "ann", "currency": "points", "amount": -40, "reason": "goodwill"}
            """#) { body throws(DomainError) in _ = try AdjustmentDraft.parse(body) },
        Subject(description: "transfer", seed: #"""
            {"from": {"member_id": "ann"}, "to": {"organization_id": "acme"}, "currency": "points", "amount": 10, "reason": "pool"}
            """#) { body throws(DomainError) in _ = try TransferDraft.parse(body) },
        Subject(description: "simulation", seed: #"""
            {"mode": "add", "from": "2026-11-01T00:00:00Z", "to": "2026-11-20T00:00:00Z", "event_type": "deal.closed", "top": 5,
             "rules": [{"id": "r", "name": "R", "on": "deal.closed", "then": [{"award": {"currency": "points", "amount": 5}}]}]}
            """#) { body throws(DomainError) in _ = try SimulationRequest.parse(body) },
    ]

    /// Values a mutation puts in place of a part of the document: each kind of JSON value, and
    /// words the parsers give meaning to.
    static let replacements: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-1), .int(Int64.max), .int(1_000_000_000_001), .double(0.5),
        .double(-1e300), .string(""), .string("gte"), .string("member"), .string("organization"), .string("in"),
        .string("event.amount"), .string("floor(event.amount / 0)"), .string("2026-02-30T00:00:00Z"),
        .string(String(repeating: "x", count: 300)), .string("\u{7}"), .array([]), .array([.int(1), .string("a")]),
        .object(JSONObject()), .object(JSONObject([("fact", "event.x"), ("op", "between"), ("value", [1])])),
    ]

    @Test(arguments: subjects)
    func mutatedDocumentsAreAcceptedOrRefusedWithPaths(_ subject: Subject) throws {
        let seed = try JSONParser.parse(subject.seed)
        try subject.parse(seed)  // the seed itself is valid, or the mutations test nothing
        var random = SplitMix64(state: UInt64(subject.description.utf8.count) &* 7_919)
        var refused = 0
        for _ in 0..<4000 {
            var document = seed
            for _ in 0..<(1 + Int(random.next() % 3)) { document = Self.mutate(document, random: &random) }
            do {
                try subject.parse(document)
            } catch {
                refused += 1
                let problems = Self.problems(of: error)
                #expect(!problems.isEmpty, "\(subject): a refusal without problems for \(JSONWriter.string(document))")
                for problem in problems {
                    #expect(problem.path.hasPrefix("$"), "\(subject): path \(problem.path) for \(JSONWriter.string(document))")
                }
            }
        }
        #expect(refused > 100, "\(subject): mutations should be refused often, or they change nothing")
    }

    static func problems(of error: DomainError) -> [ValidationError] {
        switch error {
        case .invalid(let problems), .unprocessable(let problems), .stillReferenced(_, let problems): problems
        default: []
        }
    }

    /// One random change somewhere in `value`: replaced, removed (a key or an element) or duplicated.
    static func mutate(_ value: JSONValue, random: inout SplitMix64) -> JSONValue {
        let descend = random.next() % 3 != 0
        switch value {
        case .object(var object) where !object.keys.isEmpty:
            let keys = Array(object.keys)
            let key = keys[Int(random.next() % UInt64(keys.count))]
            if descend, let child = object[key] {
                object[key] = mutate(child, random: &random)
            } else if random.next() % 2 == 0 {
                object[key] = nil
            } else {
                object[key] = replacements[Int(random.next() % UInt64(replacements.count))]
            }
            return .object(object)
        case .array(var elements) where !elements.isEmpty:
            let index = Int(random.next() % UInt64(elements.count))
            if descend {
                elements[index] = mutate(elements[index], random: &random)
            } else if random.next() % 2 == 0 {
                elements.remove(at: index)
            } else {
                elements.append(elements[index])
            }
            return .array(elements)
        default:
            return replacements[Int(random.next() % UInt64(replacements.count))]
        }
    }
}

struct BadgeRevocationParsingTests {
    @Test func aReasonIsRequiredAndAnEventIsOptional() throws {
        let plain = try BadgeRevocation.parse(JSONParser.parse(#"{"reason":"twice"}"#))
        #expect(plain.reason == "twice" && plain.eventID == nil)
        #expect(try BadgeRevocation.parse(JSONParser.parse(#"{"reason":"x","event_id":"d-1"}"#)).eventID == "d-1")
        for (body, path) in [(#"{}"#, "$.reason"), (#"{"reason":""}"#, "$.reason"), (#"{"reason":"x","event_id":"a b"}"#, "$.event_id"),
                             (#"{"reason":"x","why":1}"#, "$.why")] {
            do {
                _ = try BadgeRevocation.parse(JSONParser.parse(body))
                Issue.record("\(body) was accepted")
            } catch let error as DomainError {
                #expect(DocumentParserFuzzTests.problems(of: error).map(\.path) == [path], "\(body)")
            }
        }
    }
}
