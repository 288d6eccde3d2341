import Testing
import Engine

struct EventDraftTests {
    /// 2026-11-23T12:00:00Z.
    let now = Timestamp(millisecondsSinceEpoch: 1_795_435_200_000)

    private func parse(_ body: JSONValue) throws -> EventDraft {
        try EventDraft.parse(body, now: now)
    }

    private func unprocessable(_ body: JSONValue) -> [String] {
        do {
            _ = try parse(body)
            return []
        } catch DomainError.unprocessable(let errors) {
            return errors.map(\.path)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    private func withTime(_ milliseconds: Int64) -> JSONValue {
        ["id": "e-1", "type": "deal.closed", "member_id": "m-1",
         "occurred_at": .string(now.adding(milliseconds: milliseconds).rfc3339)]
    }

    @Test func acceptsAFullEvent() throws {
        let draft = try parse(JSONParser.parse(#"""
            {"id": "e-1", "type": "deal.closed", "member_id": "m-1", "organization_id": "acme",
             "occurred_at": "2026-11-23T13:00:00+01:00",
             "properties": {"amount": 1200, "product": "x-1", "rate": 0.5, "won": true, "note": null, "tags": ["a", 1, 2.5]}}
            """#))
        #expect(draft.id == "e-1")
        #expect(draft.type == "deal.closed")
        #expect(draft.memberID == "m-1")
        #expect(draft.organizationID == "acme")
        #expect(draft.occurredAt == now)
        #expect(draft.properties["amount"] == .int(1200))
        #expect(draft.properties["tags"] == ["a", 1, 2.5])
        #expect(draft.fingerprint.count == 64)
    }

    @Test func occurredAtDefaultsToNowAndPropertiesToEmpty() throws {
        let draft = try parse(["id": "e-1", "type": "video.watched", "organization_id": "acme"])
        #expect(draft.occurredAt == now)
        #expect(draft.properties.isEmpty)
        #expect(draft.memberID == nil)
    }

    @Test func reportsEveryProblemWithItsPathAtOnce() {
        let found = paths {
            _ = try parse([
                "type": "deal closed", "member_id": ".m", "occurred_at": "yesterday", "extra": 1,
                "properties": ["amount": 1_000_000_000_001, "nested": ["a": 1], "list": [1, [2]]],
            ])
        }
        #expect(Set(found) == [
            "$.extra", "$.id", "$.type", "$.member_id", "$.occurred_at", "$.properties.amount",
            "$.properties.nested", "$.properties.list[1]",
        ])
        #expect(found.count == 8)
    }

    @Test func needsAMemberOrAnOrganization() {
        #expect(paths { _ = try parse(["id": "e-1", "type": "quiz.passed"]) } == ["$"])
        #expect(paths { _ = try parse(["id": "e-1", "type": "quiz.passed", "member_id": nil, "organization_id": nil]) } == ["$"])
        // An ill-formed id is reported for itself, not as a missing subject.
        #expect(paths { _ = try parse(["id": "e-1", "type": "quiz.passed", "member_id": 7]) } == ["$.member_id"])
    }

    @Test func aDocumentThatIsNotAnObjectIsRefused() {
        #expect(paths { _ = try parse(["e-1"]) } == ["$"])
    }

    @Test func occurredAtNeedsAnOffset() {
        #expect(paths { _ = try parse(["id": "e-1", "type": "t", "member_id": "m", "occurred_at": "2026-11-23T12:00:00"]) }
            == ["$.occurred_at"])
    }

    @Test func theTimeWindowIncludesItsEdges() throws {
        let window = EventTimeWindow()
        #expect(try parse(withTime(-window.pastMs)).occurredAt == now.adding(milliseconds: -30 * 86_400_000))
        #expect(try parse(withTime(window.futureMs)).occurredAt == now.adding(milliseconds: 300_000))
    }

    @Test func oneMillisecondOutsideTheWindowIsUnprocessable() {
        #expect(unprocessable(withTime(-EventTimeWindow.pastMsDefault - 1)) == ["$.occurred_at"])
        #expect(unprocessable(withTime(EventTimeWindow.futureMsDefault + 1)) == ["$.occurred_at"])
    }

    @Test func shapeErrorsAreReportedBeforeTheWindow() {
        var body = withTime(-EventTimeWindow.pastMsDefault - 1)
        if case .object(var object) = body { object["type"] = "bad type"; body = .object(object) }
        #expect(paths { _ = try parse(body) } == ["$.type"])
    }

    @Test func aConfiguredWindowIsUsed() throws {
        let narrow = EventTimeWindow(pastMs: 1_000, futureMs: 0)
        #expect(throws: DomainError.self) { try EventDraft.parse(withTime(1), now: now, window: narrow) }
        #expect(try EventDraft.parse(withTime(-1_000), now: now, window: narrow).occurredAt == now.adding(milliseconds: -1_000))
    }

    @Test func integersAreBoundedAtTenToTheTwelfth() throws {
        let limit: Int64 = 1_000_000_000_000
        for amount in [limit, -limit] {
            let draft = try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": ["amount": .int(amount)]])
            #expect(draft.properties["amount"] == .int(amount))
        }
        for amount in [limit + 1, -limit - 1] {
            #expect(paths { _ = try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": ["amount": .int(amount)]]) }
                == ["$.properties.amount"])
        }
        #expect(paths { _ = try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": ["amounts": [1, .int(limit + 1)]]]) }
            == ["$.properties.amounts[1]"])
        // Decimals are not amounts and are not bounded.
        #expect(try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": ["ratio": 1e15]]).properties.count == 1)
    }

    @Test func propertiesHaveAtMostAHundredKeys() throws {
        #expect(try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": object(100)]).properties.count == 100)
        #expect(paths { _ = try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": object(101)]) } == ["$.properties"])
        #expect(paths { _ = try parse(["id": "e-1", "type": "t", "member_id": "m", "properties": "x"]) } == ["$.properties"])
    }

    @Test func theFingerprintIgnoresKeyOrderAndTheWayTimeIsWritten() throws {
        let first = try parse(JSONParser.parse(#"""
            {"id": "e-1", "type": "deal.closed", "member_id": "m-1", "occurred_at": "2026-11-23T12:00:00Z",
             "properties": {"amount": 5, "product": "p", "tags": ["b", "a"]}}
            """#))
        let reordered = try parse(JSONParser.parse(#"""
            {"properties": {"tags": ["b", "a"], "product": "p", "amount": 5}, "occurred_at": "2026-11-23T13:00:00.000+01:00",
             "member_id": "m-1", "type": "deal.closed", "id": "e-1"}
            """#))
        #expect(first.fingerprint == reordered.fingerprint)
    }

    @Test func theFingerprintChangesWithAnyValue() throws {
        let base: [String: JSONValue] = [
            "id": "e-1", "type": "deal.closed", "member_id": "m-1", "occurred_at": "2026-11-23T12:00:00Z",
            "properties": ["amount": 5, "tags": ["a", "b"]],
        ]
        func fingerprint(_ change: (inout [String: JSONValue]) -> Void) throws -> String {
            var body = base
            change(&body)
            return try parse(.object(JSONObject(body.map { (key: $0.key, value: $0.value) }))).fingerprint
        }
        let original = try fingerprint { _ in }
        let changed = try [
            fingerprint { $0["properties"] = ["amount": 6, "tags": ["a", "b"]] },
            fingerprint { $0["properties"] = ["amount": 5, "tags": ["b", "a"]] },
            fingerprint { $0["properties"] = ["amount": 5.0, "tags": ["a", "b"]] },
            fingerprint { $0["properties"] = ["amount": 5, "tags": ["a", "b"], "extra": nil] },
            fingerprint { $0["occurred_at"] = "2026-11-23T12:00:00.001Z" },
            fingerprint { $0["type"] = "deal.lost" },
            fingerprint { $0["organization_id"] = "acme" },
            fingerprint { $0["member_id"] = "m-2" },
            fingerprint { $0["id"] = "e-2" },
        ]
        #expect(Set(changed).count == changed.count)
        #expect(!changed.contains(original))
    }

    @Test func aRetryWithoutOccurredAtKeepsItsFingerprintLater() throws {
        let body: JSONValue = ["id": "e-1", "type": "t", "member_id": "m"]
        let first = try EventDraft.parse(body, now: now)
        let retry = try EventDraft.parse(body, now: now.adding(milliseconds: 60_000))
        #expect(first.fingerprint == retry.fingerprint)
        #expect(first.occurredAt != retry.occurredAt)
    }
}
