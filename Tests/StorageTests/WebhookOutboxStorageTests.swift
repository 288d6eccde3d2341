import Engine
import Testing
import TestSupport

/// The outbox triggers of migration 0023 and the delivery queue over real SQLite: every source
/// table writes its kind with a payload, only while someone subscribes, in the transaction of the
/// write; deliveries of a lane go one at a time in outbox order.
@Suite struct WebhookOutboxStorageTests {
    static let backoff = WebhookBackoff(baseMs: 10, maxWaitMs: 10, windowMs: 1_000)

    static func webhook(_ id: String = "crm", kinds: [String], active: Bool = true) throws -> WebhookDraft {
        try WebhookDraft.parse(
            ["url": "http://127.0.0.1:9/hook", "kinds": .array(kinds.map(JSONValue.string)), "secret": "0123456789abcdef", "active": .bool(active)],
            id: id)
    }

    static func putWebhook(_ db: TestDatabase, _ id: String = "crm", kinds: [String], active: Bool = true) throws {
        let draft = try webhook(id, kinds: kinds, active: active)
        _ = try db.write { try WebhookCommands.put(id, draft, context: change(), in: $0) }
    }

    static func event(_ id: String, member: String = "ann", at milliseconds: Int64 = 2_000) -> Event {
        Event(
            id: id, type: "deal.closed", memberID: member, organizationID: "acme", occurredAt: at(milliseconds), receivedAt: at(milliseconds),
            properties: JSONObject([("amount", .int(5))]), fingerprint: "f-\(id)")
    }

    /// Fans out, then delivers whatever is due (answering `status`) until nothing is: the
    /// deliverer's loop without sockets. The deliveries in the order they were attempted.
    static func drain(_ db: TestDatabase, now: Int64 = 10_000, status: Int = 200) throws -> [DueWebhookDelivery] {
        _ = try db.write { try WebhookOutbox.fanOut(now: at(now), limit: 1_000, in: $0) }
        var attempted: [DueWebhookDelivery] = []
        while true {
            let due = try db.read { try $0.dueWebhookDeliveries(now: at(now), limit: 100) }
            guard !due.isEmpty else { return attempted }
            attempted += due
            let attempts = due.map { WebhookAttempt(deliveryID: $0.candidate.id, at: at(now), responseStatus: status, error: nil, jitter: 0) }
            _ = try db.write { try WebhookOutbox.record(attempts, backoff: backoff, in: $0) }
            if status != 200 { return attempted }
        }
    }

    static func setUp() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.putOrganization("acme", organization("acme"))
        try db.putMember("ann", member("ann", in: "acme"))
        try db.putMember("bob", member("bob", in: "acme"))
        return db
    }

    @Test func everySourceWritesItsKindAndPayloadInCommitOrder() throws {
        let db = try Self.setUp()
        try Self.putWebhook(db, kinds: ["*"])
        let points = try CurrencyDraft.parse(["name": "Points"], id: "points")
        let ladder = try TierLadderDraft.parse([
            "subject": "member", "currency": "points", "window": "lifetime",
            "levels": [["id": "bronze", "threshold": 0], ["id": "gold", "threshold": 100]],
        ], id: "status")
        let goal = try GoalDraft.parse([
            "name": "Sales", "subject": "member", "period": "week", "metric": ["event_type": "deal.closed", "sum": "amount"],
            "levels": [["id": "l1", "target": 5]],
        ], id: "sales")
        _ = try db.write { store in
            _ = try CurrencyCommands.put("points", points, context: change(), in: store)
            _ = try TierCommands.put("status", ladder, context: change(), in: store)
            _ = try GoalCommands.put("sales", goal, context: change(), in: store)
        }
        try db.write { store in
            try store.insert(MemberBadge(memberID: "ann", badgeID: "first", eventID: "e-1", earnedAt: at(2_000), ruleID: "deal"))
            try store.save(TierState(holder: .member("ann"), ladderID: "status", levelID: "gold", since: at(2_000)))
            try store.insert(Self.event("e-1"), outcome: ["event": ["id": "e-1"], "postings": [], "rules": [["rule_id": "deal"]]])
            _ = try store.insert(MemberNotification(
                memberID: "ann", kind: "award", template: "award", payload: JSONObject([("title", "You earned 5")]), eventID: "e-1",
                ruleID: "deal", ruleVersion: nil, createdAt: at(2_000)))
        }
        try db.write { store in
            try store.markReversed(id: "e-1", at: at(3_000))
            try store.save(TierState(holder: .member("ann"), ladderID: "status", levelID: "bronze", since: at(3_000)))
            _ = try store.insert(GoalAchievement(goalID: "sales", subjectID: "ann", period: "2026-W01", levelID: "l1", total: 5, reachedAt: at(3_000)))
            _ = try store.insert(LeaderboardClosing(boardID: "top", period: "2026-01", closedAt: at(3_000),
                                                    winners: [.init(partition: nil, subjectID: "ann", rank: 1, score: 9)]))
            try store.save(Redemption(id: "r-1", memberID: "ann", rewardID: "mug", currency: "points", cost: 3, createdAt: at(3_000)))
            try store.save(Redemption(id: "r-1", memberID: "ann", rewardID: "mug", currency: "points", cost: 3, status: .fulfilled,
                                      code: "ABC", createdAt: at(3_000), fulfilledAt: at(4_000)))
        }
        let delivered = try Self.drain(db)
        let ann = delivered.filter { $0.candidate.lane == "member:ann" }
        #expect(ann.map(\.kind) == [
            "badge.earned", "tier.changed", "event.recorded", "notification.award", "event.reversed", "tier.changed", "goal.level_reached",
            "redemption.pending", "redemption.fulfilled",
        ])
        #expect(delivered.filter { $0.candidate.lane == "program" }.map(\.kind) == ["leaderboard.period_closed"])
        let data = ann.map { $0.data.objectValue ?? JSONObject() }
        #expect(data[0]["badge_id"] == "first" && data[0]["earned_at"] == "1970-01-01T00:00:02.000Z")
        #expect(data[1]["to"] == "gold" && data[1]["from"] == .null && data[1]["organization_id"] == "acme")
        #expect(data[2]["rules"] == nil && data[2]["event"]?.objectValue?["id"] == "e-1", "the answer without its explanation")
        #expect(data[3]["payload"]?.objectValue?["title"] == "You earned 5" && data[3]["event_id"] == "e-1")
        #expect(data[4]["event"]?.objectValue?["reversed_at"] == "1970-01-01T00:00:03.000Z")
        #expect(data[5]["from"] == "gold" && data[5]["to"] == "bronze")
        #expect(data[6]["subject"] == "member" && data[6]["level_id"] == "l1" && data[6]["total"] == 5)
        #expect(data[8]["code"] == "ABC" && data[8]["fulfilled_at"] == "1970-01-01T00:00:04.000Z" && data[8]["cancelled_at"] == .null)
        #expect(ann.map(\.createdAt) == [2_000, 2_000, 2_000, 2_000, 3_000, 3_000, 3_000, 3_000, 4_000].map(at))
        let closed = try #require(delivered.first { $0.kind == "leaderboard.period_closed" }?.data.objectValue)
        #expect(closed["winners"]?.arrayValue?.first?.objectValue?["subject_id"] == "ann")
    }

    @Test func nothingIsWrittenForKindsNoActiveWebhookWants() throws {
        let db = try Self.setUp()
        try db.write { try $0.insert(Self.event("e-0")) }
        try Self.putWebhook(db, kinds: ["badge.*"])
        try Self.putWebhook(db, "paused", kinds: ["*"], active: false)
        try db.write { store in
            try store.insert(Self.event("e-1"))
            try store.insert(MemberBadge(memberID: "ann", badgeID: "first", eventID: "e-1", earnedAt: at(2_000)))
        }
        let position = try db.read { try $0.webhookOutboxPosition() }
        #expect(position.last == 1, "one badge row; neither event had a subscriber")
        #expect(try Self.drain(db).map(\.kind) == ["badge.earned"])
    }

    @Test func aRolledBackWriteLeavesNoOutboxRow() throws {
        let db = try Self.setUp()
        try Self.putWebhook(db, kinds: ["*"])
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try db.write { store in
                try store.insert(Self.event("e-1"))
                throw Refused()
            }
        }
        #expect(try db.read { try $0.webhookOutboxPosition() }.last == 0)
        try db.write { try $0.insert(Self.event("e-2")) }
        #expect(try Self.drain(db).map(\.data.objectValue?["event"]?.objectValue?["id"]) == ["e-2"])
    }

    @Test func aLaneWaitsForItsFirstDeliveryWhileOtherLanesGoOn() throws {
        let db = try Self.setUp()
        try Self.putWebhook(db, kinds: ["event.recorded"])
        try db.write { store in
            for (id, member) in [("a-1", "ann"), ("b-1", "bob"), ("a-2", "ann"), ("a-3", "ann")] { try store.insert(Self.event(id, member: member)) }
        }
        let refused = try Self.drain(db, status: 500)
        #expect(refused.map(\.candidate.lane) == ["member:ann", "member:bob"], "one delivery per lane at a time")
        let ann = try db.read { try $0.webhookDeliveries(webhookID: "crm", status: nil, page: PageRequest()) }.items.filter { $0.lane == "member:ann" }
        #expect(ann.map(\.status) == [.pending, .pending, .retrying] && ann.map(\.nextAttemptAt) == [nil, nil, at(10_000)],
                "newest first: the two later ones wait with no time of their own")
        // The window closes: the first fails and the lane moves on in order.
        let late = try Self.drain(db, now: 12_000, status: 500)
        #expect(late.map(\.candidate.outboxSeq) == [1, 2], "ann's first and bob's")
        let after = try db.read { try $0.webhookDeliveries(webhookID: "crm", status: .failed, page: PageRequest()) }.items
        #expect(after.map(\.outboxSeq) == [2, 1])
        #expect(try Self.drain(db, now: 12_000).map(\.candidate.outboxSeq) == [3, 4])

        // A failed delivery queued again goes once the lane is idle, under its own id.
        let failed = try #require(after.last)
        let retried = try db.write { try WebhookCommands.retry(webhookID: "crm", deliveryID: String(failed.id), context: change(at: 13_000), in: $0) }
        #expect(retried.status == .pending && retried.attempts == 0 && retried.nextAttemptAt == at(13_000))
        #expect(try Self.drain(db, now: 13_000).map(\.candidate.id) == [failed.id])
        #expect(isConflict(domainError { _ = try db.write { try WebhookCommands.retry(webhookID: "crm", deliveryID: String(failed.id), context: change(), in: $0) } }))
    }

    @Test func oldFinishedHistoryIsPrunedAndUnfinishedIsKept() throws {
        let db = try Self.setUp()
        try Self.putWebhook(db, kinds: ["event.recorded"])
        try db.write { store in
            for (id, member) in [("a-1", "ann"), ("b-1", "bob"), ("a-2", "ann")] { try store.insert(Self.event(id, member: member)) }
        }
        _ = try db.write { try WebhookOutbox.fanOut(now: at(10_000), limit: 1_000, in: $0) }
        let bob = try #require(try db.read { try $0.dueWebhookDeliveries(now: at(10_000), limit: 10) }.first { $0.candidate.lane == "member:bob" })
        _ = try db.write {
            try WebhookOutbox.record([WebhookAttempt(deliveryID: bob.candidate.id, at: at(10_000), responseStatus: 200, error: nil, jitter: 0)],
                                     backoff: Self.backoff, in: $0)
        }
        let pruned = try db.write { try WebhookOutbox.prune(now: at(10_000 + 86_400_000), retentionMs: 3_600_000, limit: 100, in: $0) }
        #expect(pruned == 2, "bob's delivery and its outbox row")
        let left = try db.read { try $0.webhookDeliveries(webhookID: "crm", status: nil, page: PageRequest()) }.items
        #expect(left.map(\.lane) == ["member:ann", "member:ann"])
        #expect(try Self.drain(db, now: 10_000 + 86_400_000).count == 2, "ann's outbox rows are still there to send")
    }
}
