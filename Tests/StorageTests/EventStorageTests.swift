import Testing
import Engine
import Storage

private let partner = Principal(keyID: "partner-key", role: .partner, organizationID: "acme")
/// 2026-11-23T12:00:00Z, a Monday.
private let now = Timestamp(millisecondsSinceEpoch: 1_795_435_200_000)
private let hour: Int64 = 3_600_000
private let day: Int64 = 86_400_000

private func draft(
    _ id: String, type: String = "deal.closed", member: String? = nil, organization: String? = nil,
    at time: Timestamp = now, properties: JSONValue = [:]
) throws -> EventDraft {
    // Parsed as of the event's own time, so that old events pass the intake window.
    try EventDraft.parse(
        ["id": .string(id), "type": .string(type), "member_id": .optional(member), "organization_id": .optional(organization),
         "occurred_at": .string(time.rfc3339), "properties": properties],
        now: time)
}

extension TestDatabase {
    static func withDirectory() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.putOrganization("acme", try organization("acme"))
        try db.putOrganization("globex", try organization("globex"))
        try db.putMember("m1", try member("m1", in: "acme"))
        try db.putMember("m2", try member("m2", in: "acme"))
        try db.putMember("g1", try member("g1", in: "globex"))
        return db
    }

    @discardableResult
    func record(_ draft: EventDraft, _ context: ChangeContext = change(integration, at: 1_795_435_200_000)) throws -> EventIntake.Recorded {
        try write { try EventIntake.record(draft, context: context, in: $0) }
    }

    func event(_ id: String) throws -> Event? {
        try read { try $0.event(id: id) }
    }
}

struct EventStorageTests {
    @Test func aNewEventIsStoredWithItsMembersOrganization() throws {
        let db = try TestDatabase.withDirectory()
        let recorded = try db.record(try draft("e1", member: "m1", properties: ["amount": 5]), change(integration, at: 42))
        guard case .new(let event) = recorded else { Issue.record("expected a new event"); return }
        #expect(event.organizationID == "acme")
        #expect(event.receivedAt == at(42))
        #expect(try db.event("e1") == event)
        #expect(try db.event("e2") == nil)
        #expect(try db.read { try $0.eventOutcome(id: "e1") } == nil)
    }

    @Test func theSameEventAgainIsAReplayOfTheStoredOne() throws {
        let db = try TestDatabase.withDirectory()
        let first = try db.record(try draft("e1", member: "m1", properties: ["amount": 5, "product": "p"]), change(integration, at: 1))
        let again = try EventDraft.parse(
            try JSONParser.parse(#"{"properties": {"product": "p", "amount": 5}, "occurred_at": "\#(now.rfc3339)", "member_id": "m1", "type": "deal.closed", "id": "e1"}"#),
            now: now)
        let second = try db.record(again, change(integration, at: 2))
        #expect(second == .replay(first.event))
        #expect(second.event.receivedAt == at(1))
        #expect(try db.read { try $0.events(EventFilter(), page: PageRequest()).items.count } == 1)
    }

    @Test func aDifferentEventUnderAUsedIdIsRefused() throws {
        let db = try TestDatabase.withDirectory()
        try db.record(try draft("e1", member: "m1", properties: ["amount": 5]))
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", member: "m1", properties: ["amount": 6])) }) == ["$.id"])
        #expect(try db.event("e1")?.properties["amount"] == .int(5))
    }

    @Test func unknownSubjectsAreUnprocessableAndNothingIsStored() throws {
        let db = try TestDatabase.withDirectory()
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", member: "ghost")) }) == ["$.member_id"])
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", organization: "ghost")) }) == ["$.organization_id"])
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", member: "ghost", organization: "void")) })
            == ["$.member_id", "$.organization_id"])
        #expect(try db.event("e1") == nil)
    }

    @Test func aMemberWithAnotherOrganizationIsUnprocessable() throws {
        let db = try TestDatabase.withDirectory()
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", member: "m1", organization: "globex")) })
            == ["$.organization_id"])
        #expect(try db.record(try draft("e1", member: "m1", organization: "acme")).event.organizationID == "acme")
    }

    @Test func aPartnerPostsOnlyForItsOwnOrganization() throws {
        let db = try TestDatabase.withDirectory()
        let asPartner = change(partner, at: 1)
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", member: "g1"), asPartner) }) == ["$.member_id"])
        #expect(unprocessablePaths(domainError { try db.record(try draft("e1", organization: "globex"), asPartner) }) == ["$.organization_id"])
        #expect(try db.record(try draft("e1", member: "m1"), asPartner).event.organizationID == "acme")
        // Another organization's event is not replayed to the partner, even sent identically.
        try db.record(try draft("g-event", member: "g1"))
        #expect(unprocessablePaths(domainError { try db.record(try draft("g-event", member: "g1"), asPartner) }) == ["$.id"])
        #expect(isForbidden(domainError { try db.record(try draft("e2", member: "m1"), change(viewer)) }))
    }

    @Test func countsAndSumsPerPeriodExcludeReversedEvents() throws {
        let db = try TestDatabase.withDirectory()
        let recorded: [EventDraft] = try [
            draft("today", member: "m1", at: now.adding(milliseconds: -2 * hour), properties: ["amount": 100]),
            draft("sunday", member: "m1", at: now.adding(milliseconds: -day), properties: ["amount": 50]),
            draft("nov-2", member: "m1", at: now.adding(milliseconds: -21 * day), properties: ["amount": 7]),
            draft("oct-15", member: "m1", at: now.adding(milliseconds: -39 * day), properties: ["amount": 1]),
            draft("other-type", type: "quiz.passed", member: "m1", properties: ["amount": 900]),
            draft("text-amount", member: "m1", properties: ["amount": "12"]),
            draft("decimal-amount", member: "m1", properties: ["amount": 2.5]),
            draft("no-amount", member: "m1"),
            draft("org-only", organization: "acme", properties: ["amount": 1000]),
            draft("colleague", member: "m2", properties: ["amount": 3]),
            draft("reversed", member: "m1", properties: ["amount": 10_000]),
            draft("elsewhere", member: "g1", properties: ["amount": 70]),
        ]
        for event in recorded { try db.record(event) }
        try db.write { try $0.markReversed(id: "reversed", at: now) }
        #expect(try db.event("reversed")?.reversedAt == now)

        func measure(_ subject: EventSubject, _ period: CounterPeriod) throws -> [Int64] {
            let (from, until) = CalendarWindow.containing(now, period: period, in: .utc)
            return try db.read { store in
                [Int64(try store.eventCount(subject: subject, type: "deal.closed", from: from, until: until)),
                 try store.eventSum(subject: subject, type: "deal.closed", property: "amount", from: from, until: until)]
            }
        }
        let member: [CounterPeriod: [Int64]] = [
            .day: [4, 100], .week: [4, 100], .month: [6, 157], .quarter: [7, 158], .year: [7, 158], .all: [7, 158],
            .rolling7Days: [5, 150], .rolling30Days: [6, 157],
        ]
        for (period, expected) in member {
            #expect(try measure(.member("m1"), period) == expected, "member \(period)")
        }
        // The organization counts its own events and its members'.
        #expect(try measure(.organization("acme"), .day) == [6, 1103])
        #expect(try measure(.organization("acme"), .all) == [9, 1161])
        #expect(try measure(.organization("globex"), .all) == [1, 70])
        #expect(try measure(.member("nobody"), .all) == [0, 0])
    }

    @Test func sumsReadAPropertyNamedWithADotAsOneKey() throws {
        let db = try TestDatabase.withDirectory()
        // Written to the store directly: intake refuses object values, but an unquoted path
        // `$.a.b` would read this one.
        let event = Event(
            id: "e1", type: "deal.closed", memberID: "m1", organizationID: "acme", occurredAt: now, receivedAt: now,
            properties: JSONObject([("a.b", 4), ("a", ["b": 100])]), fingerprint: "f")
        try db.write { try $0.insert(event) }
        let sum = try db.read {
            try $0.eventSum(
                subject: .member("m1"), type: "deal.closed", property: "a.b", from: CalendarWindow.allStart, until: CalendarWindow.allEnd)
        }
        #expect(sum == 4)
    }

    @Test func outcomesAreStoredPerEvent() throws {
        let db = try TestDatabase.withDirectory()
        try db.record(try draft("e1", member: "m1"))
        try db.write { try $0.setOutcome(id: "e1", outcome: ["awards": [["currency": "points", "amount": 10]]]) }
        #expect(try db.read { try $0.eventOutcome(id: "e1") } == ["awards": [["currency": "points", "amount": 10]]])
    }

    @Test func pagesAreNewestFirstWithoutDuplicatesAcrossTies() throws {
        let db = try TestDatabase.withDirectory()
        // Three events per millisecond, so that pages end inside a tie.
        for index in 0..<25 {
            let time = now.adding(milliseconds: -Int64(index / 3) * hour)
            try db.record(try draft("e\(index)", type: index % 2 == 0 ? "deal.closed" : "quiz.passed", member: "m1", at: time))
        }
        try db.record(try draft("g", member: "g1"))
        func all(_ filter: EventFilter) throws -> [Event] {
            var seen: [Event] = []
            var page = PageRequest(limit: 4)
            while true {
                let result = try db.read { try $0.events(filter, page: page) }
                seen += result.items
                guard let next = result.nextAfter else { return seen }
                page = PageRequest(limit: 4, after: next)
            }
        }
        let listed = try all(EventFilter(memberID: "m1"))
        #expect(listed.count == 25)
        #expect(Set(listed.map(\.id)).count == 25)
        let expected = listed.sorted { ($0.occurredAt, $0.id) > ($1.occurredAt, $1.id) }
        #expect(listed.map(\.id) == expected.map(\.id))
        #expect(try all(EventFilter(memberID: "m1", type: "deal.closed")).count == 13)
        #expect(try all(EventFilter(organizationID: "globex")).map(\.id) == ["g"])
        #expect(try all(EventFilter(from: now.adding(milliseconds: -hour), until: now)).map(\.id) == ["e5", "e4", "e3"])
        #expect(try db.read { try $0.events(EventFilter(), page: PageRequest(after: "not a cursor")) }.items.isEmpty)
    }
}
