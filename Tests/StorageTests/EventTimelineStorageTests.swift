import Testing
import Engine
import Storage

/// 2026-11-23T12:00:00Z.
private let noon = Timestamp(millisecondsSinceEpoch: 1_795_435_200_000)
private let hour: Int64 = 3_600_000

private func draft(_ id: String, type: String, member: String, at time: Timestamp) throws -> EventDraft {
    try EventDraft.parse(
        ["id": .string(id), "type": .string(type), "member_id": .string(member), "occurred_at": .string(time.rfc3339)], now: time)
}

struct EventTimelineStorageTests {
    /// e3 and e2 share a millisecond: the id orders them. Recorded out of time order on purpose.
    func database() throws -> TestDatabase {
        let db = try TestDatabase.withDirectory()
        try db.record(try draft("e4", type: "video.watched", member: "m1", at: noon.adding(milliseconds: 3 * hour)))
        try db.record(try draft("e1", type: "video.watched", member: "m1", at: noon))
        try db.record(try draft("e3", type: "quiz.passed", member: "g1", at: noon.adding(milliseconds: hour)))
        try db.record(try draft("e2", type: "video.watched", member: "m2", at: noon.adding(milliseconds: hour)))
        try db.record(try draft("e5", type: "video.watched", member: "m1", at: noon.adding(milliseconds: 5 * hour)))
        return db
    }

    @Test func eventsComeOldestFirstAcrossPagesWithinTheRange() throws {
        let db = try database()
        let filter = EventFilter(from: noon, until: noon.adding(milliseconds: 5 * hour))
        var ids: [String] = []
        var after: String?
        repeat {
            let page = try db.read { try $0.eventsOldestFirst(filter, page: PageRequest(limit: 2, after: after)) }
            ids += page.items.map(\.id)
            after = page.nextAfter
        } while after != nil
        #expect(ids == ["e1", "e2", "e3", "e4"])
    }

    @Test func filtersByTypeAndOrganizationKeepTheOrder() throws {
        let db = try database()
        let videos = try db.read { try $0.eventsOldestFirst(EventFilter(type: "video.watched"), page: PageRequest(limit: 10)) }
        #expect(videos.items.map(\.id) == ["e1", "e2", "e4", "e5"])
        let globex = try db.read { try $0.eventsOldestFirst(EventFilter(organizationID: "globex"), page: PageRequest(limit: 10)) }
        #expect(globex.items.map(\.id) == ["e3"])
    }

    @Test func theCountStopsOnePastItsMaximum() throws {
        let db = try database()
        #expect(try db.read { try $0.eventCount(EventFilter(), countMax: 5) } == 5)
        #expect(try db.read { try $0.eventCount(EventFilter(), countMax: 3) } == 4)
        #expect(try db.read { try $0.eventCount(EventFilter(type: "quiz.passed"), countMax: 3) } == 1)
    }
}
