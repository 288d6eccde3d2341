#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Webhooks through the real server and a real receiver (`WebhookReceiver`): deliveries signed,
/// retried, in commit order per member; a dead or silent receiver never slows event posting;
/// admin keys only; bad definitions write nothing; deleting or pausing a webhook stops it.
@Suite("Webhooks")
struct WebhookTests {
    static let secret = "whsec_0123456789abcdef"
    /// Fast polling and short waits, so that retries take milliseconds.
    static var fast: [String: Any] { ["webhooks": ["poll_ms": 20, "retry_base_ms": 50, "retry_max_wait_ms": 200]] }

    static func hook(_ port: Int, kinds: [String], secret: String? = WebhookTests.secret, active: Bool = true) -> [String: Any] {
        var body: [String: Any] = ["url": "http://127.0.0.1:\(port)/hooks/laurel", "kinds": kinds, "active": active]
        if let secret { body["secret"] = secret }
        return body
    }

    static func deal(_ client: APIClient, _ id: String, member: String = "ann", amount: Int = 10) throws -> WireResponse {
        try client.post("/v1/events", ["id": id, "type": "deal.closed", "member_id": member, "properties": ["amount": amount]])
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    /// The event a delivery is about: `event.id` for event kinds, `event_id` for notifications.
    static func eventID(_ request: ReceivedWebhook) -> String? {
        (request.data["event"] as? [String: Any])?["id"] as? String ?? request.data["event_id"] as? String
    }

    @Test func oneMembersDeliveriesArriveInCommitOrderSignedAndRetriedUntilAccepted() throws {
        let receiver = try WebhookReceiver { $0 <= 2 ? 500 : 200 }
        let running = try ProgramServer(configuration: [
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]]]]),
            ("/v1/message-templates/award", ["title": "You earned {{amount}}", "body": "Thanks"]),
        ], organizations: ["acme"], members: ["ann": "acme"], config: Self.fast)
        let created = try running.admin.put("/v1/webhooks/crm", Self.hook(receiver.port, kinds: ["event.recorded", "notification.award"]))
        #expect(created.status == 201, "\(created.text)")
        for index in 1...3 { #expect(try Self.deal(running.portal, "d-\(index)", amount: index * 10).status == 201) }

        let requests = receiver.waitFor(8)
        #expect(requests.map(\.answered) == [500, 500, 200, 200, 200, 200, 200, 200])
        let accepted = requests.filter { $0.answered == 200 }
        #expect(accepted.map(\.kind) == Array(repeating: ["event.recorded", "notification.award"], count: 3).flatMap { $0 })
        #expect(accepted.map(Self.eventID) == ["d-1", "d-1", "d-2", "d-2", "d-3", "d-3"], "exactly the order of the commits")
        #expect(requests.prefix(3).map(\.id) == Array(repeating: accepted.first?.id ?? "?", count: 3),
                "the first delivery is retried under its own id before anything after it is tried")
        #expect((accepted[1].data["payload"] as? [String: Any])?["title"] as? String == "You earned 10")
        for request in requests {
            #expect(request.signatureVerifies(secret: Self.secret), "\(request.headers)")
            #expect(!request.signatureVerifies(secret: "whsec_0123456789abcdeX"), "a wrong secret does not verify")
            #expect(request.headers["laurel-delivery"] == request.id && request.headers["content-type"] == "application/json")
            #expect(request.headers["user-agent"]?.hasPrefix("laurel/") == true)
        }

        // The log, once the last outcome is recorded: newest first.
        var log: [[String: Any]] = []
        #expect(try Self.eventually {
            log = try running.admin.get("/v1/webhooks/crm/deliveries").items
            return log.count == 6 && log.allSatisfy { $0["status"] as? String == "delivered" }
        }, "\(log)")
        #expect(log.map { $0["attempts"] as? Int } == [1, 1, 1, 1, 1, 3])
        #expect(log.last?["last_response_status"] as? Int == 200 && log.last?["id"] as? String == accepted.first?.id)
        #expect(log.last?["lane"] as? String == "member:ann" && log.last?["delivered_at"] as? String != nil)
        #expect(try running.admin.get("/v1/webhooks/crm/deliveries?status=retrying").items.isEmpty)
        let page = try running.admin.get("/v1/webhooks/crm/deliveries?status=delivered&limit=4")
        let cursor = try #require(page.json["next_cursor"] as? String)
        let rest = try running.admin.get("/v1/webhooks/crm/deliveries?status=delivered&cursor=\(cursor)")
        #expect(page.items.count == 4 && rest.items.count == 2)
        let metrics = try running.admin.get("/metrics").text
        #expect(metrics.contains("laurel_webhook_attempts_total{outcome=\"delivered\"} 6"), "\(metrics.split(separator: "\n").filter { $0.contains("webhook") })")
    }

    @Test func aSilentReceiverNeverHoldsEventsUpAndGetsOneAttemptPerMemberAtATime() throws {
        let silent = try WebhookReceiver { _ in nil }
        // A minute's timeout: four attempts (one per member, all the slots) stay parked for the
        // whole test.
        let members = ["ann", "bob", "cy", "dee"]
        let running = try ProgramServer(
            configuration: [], organizations: ["acme"], members: ["ann": "acme", "bob": "acme", "cy": "acme", "dee": "acme"],
            config: ["webhooks": ["poll_ms": 20, "timeout_ms": 60_000, "concurrency": 4]])
        #expect(try running.admin.put("/v1/webhooks/silent", Self.hook(silent.port, kinds: ["event.recorded"])).status == 201)
        for (index, member) in members.enumerated() { #expect(try Self.deal(running.portal, "e-\(index + 1)", member: member).status == 201) }
        #expect(Set(silent.waitFor(4).compactMap(Self.eventID)) == ["e-1", "e-2", "e-3", "e-4"], "each member's first event is being attempted")
        usleep(100_000)

        // Events are still answered at once. (When attempts ran on Dispatch's shared pool, which
        // also runs the writer's completions, the next answers waited about a second for a thread.)
        let started = Date()
        for index in 5...12 { #expect(try Self.deal(running.portal, "e-\(index)", member: members[(index - 1) % 4]).status == 201) }
        let postingSeconds = Date().timeIntervalSince(started)
        #expect(postingSeconds < 0.5, "8 events took \(postingSeconds) s while the receiver was silent")

        var log: [[String: Any]] = []
        #expect(try Self.eventually {
            log = try running.admin.get("/v1/webhooks/silent/deliveries?limit=100").items
            return log.count == 12
        }, "fanned out within a poll or two")
        for lane in members.map({ "member:\($0)" }) {
            let queue = log.filter { $0["lane"] as? String == lane }.sorted { ($0["outbox_seq"] as? Int ?? 0) < ($1["outbox_seq"] as? Int ?? 0) }
            #expect(queue.count == 3 && queue.allSatisfy { $0["status"] as? String == "pending" && $0["attempts"] as? Int == 0 })
            #expect(queue.first?["next_attempt_at"] is String && queue.dropFirst().allSatisfy { $0["next_attempt_at"] is NSNull },
                    "\(lane): the later deliveries wait for the first")
        }
        #expect(silent.requests.count == 4, "while each member's first delivery is in flight, nothing after it is tried")
    }

    @Test func aDeadReceiversDeliveriesRetryThenFailAndCanBeQueuedAgain() throws {
        let deadPort = try WebhookReceiver.closedPort()
        let running = try ProgramServer(
            configuration: [], organizations: ["acme"], members: ["ann": "acme", "bob": "acme"],
            config: ["webhooks": ["poll_ms": 20, "retry_base_ms": 50, "retry_max_wait_ms": 100, "retry_window_s": 1]])
        #expect(try running.admin.put("/v1/webhooks/dead", Self.hook(deadPort, kinds: ["event.*"])).status == 201)
        #expect(try running.admin.put("/v1/webhooks/other", Self.hook(deadPort, kinds: ["badge.earned"])).status == 201)
        for index in 1...6 { #expect(try Self.deal(running.portal, "e-\(index)", member: index % 2 == 0 ? "bob" : "ann").status == 201) }

        func deliveries(_ webhook: String, _ query: String = "") throws -> [[String: Any]] {
            try running.admin.get("/v1/webhooks/\(webhook)/deliveries?limit=100\(query)").items
        }
        #expect(try Self.eventually(5) { try deliveries("dead", "&status=retrying").count == 2 }, "the head of each lane is being retried")
        let refused = try deliveries("dead", "&status=retrying")
        #expect(Set(refused.compactMap { $0["lane"] as? String }) == ["member:ann", "member:bob"])
        #expect(refused.allSatisfy { ($0["last_error"] as? String ?? "").contains("refused") && $0["next_attempt_at"] is String }, "\(refused)")
        // However far retries have got: in each lane only the first unfinished delivery is scheduled.
        let unfinished = try deliveries("dead").filter { ["pending", "retrying"].contains($0["status"] as? String ?? "") }
        for lane in ["member:ann", "member:bob"] {
            let queue = unfinished.filter { $0["lane"] as? String == lane }.sorted { ($0["outbox_seq"] as? Int ?? 0) < ($1["outbox_seq"] as? Int ?? 0) }
            #expect(queue.dropFirst().allSatisfy { $0["next_attempt_at"] is NSNull && $0["attempts"] as? Int == 0 }, "\(lane) waits its turn")
        }

        // After the one-second window the first of each lane fails and the lane moves on.
        #expect(try Self.eventually(6) { try deliveries("dead", "&status=failed").count >= 2 })
        let failed = try deliveries("dead", "&status=failed")
        #expect(failed.allSatisfy { ($0["attempts"] as? Int ?? 0) >= 2 && $0["failed_at"] is String })
        let oldestID = try #require(failed.last?["id"] as? String)
        #expect(try Self.eventually(3) { try deliveries("dead").contains { $0["outbox_seq"] as? Int == 3 && $0["status"] as? String != "pending" } },
                "ann's second event is attempted once her first has failed")
        #expect(try running.admin.get("/metrics").text.contains("laurel_webhook_attempts_total{outcome=\"failed\"}"))

        // A failed delivery can be queued again, under its id; only a failed one.
        let retried = try running.admin.post("/v1/webhooks/dead/deliveries/\(oldestID)/retry", [String: Any]())
        #expect(retried.status == 200 && retried.json["id"] as? String == oldestID, "\(retried.text)")
        #expect(retried.json["status"] as? String == "pending" && retried.json["attempts"] as? Int == 0)
        #expect(try running.admin.post("/v1/webhooks/dead/deliveries/\(oldestID)/retry", [String: Any]()).status == 409)
        #expect(try running.admin.post("/v1/webhooks/dead/deliveries/999999/retry", [String: Any]()).status == 404)
        #expect(try running.admin.post("/v1/webhooks/other/deliveries/\(oldestID)/retry", [String: Any]()).status == 404, "another webhook's")
        #expect(try running.admin.get("/v1/audit?entity_kind=webhook&action=webhook.delivery_retry").items.count == 1)
    }

    @Test func onlyAdminKeysReachWebhooksAndBadDefinitionsWriteNothing() throws {
        let running = try ProgramServer(configuration: [], organizations: ["acme"], members: ["ann": "acme"])
        let admin = running.admin
        let viewer = running.server.client(key: try admin.createKey(["role": "viewer", "name": "v"]).secret)
        let partner = running.server.client(key: try admin.createKey(["role": "partner", "name": "p", "organization_id": "acme"]).secret)
        let good = Self.hook(9, kinds: ["badge.earned"])
        for client in [running.portal, viewer, partner] {
            #expect(try client.put("/v1/webhooks/crm", good).status == 403)
            for path in ["/v1/webhooks", "/v1/webhooks/crm", "/v1/webhooks/crm/deliveries"] { #expect(try client.get(path).status == 403, "\(path)") }
            #expect(try client.delete("/v1/webhooks/crm").status == 403)
            #expect(try client.post("/v1/webhooks/crm/deliveries/1/retry", [String: Any]()).status == 403)
        }

        let bad = try admin.put("/v1/webhooks/crm", ["url": "ftp://x", "kinds": ["badge.earnd", "notification.*"], "secret": "short"])
        #expect(bad.status == 400 && bad.header("Content-Type") == "application/problem+json")
        #expect(Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }) == ["$.url", "$.kinds[0]", "$.secret"])
        let secretless = try admin.put("/v1/webhooks/crm", Self.hook(9, kinds: ["*"], secret: nil))
        #expect(secretless.status == 422 && (secretless.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.secret")
        #expect(try admin.put("/v1/webhooks/bad%20id", good).status == 400)
        #expect(try admin.get("/v1/webhooks/crm").status == 404 && admin.get("/v1/webhooks").items.isEmpty, "nothing was written")
        #expect(try admin.get("/v1/audit?entity_kind=webhook").items.isEmpty)

        let created = try admin.put("/v1/webhooks/crm", good)
        #expect(created.status == 201 && created.header("Location") == "/v1/webhooks/crm")
        #expect(created.json["secret_set"] as? Bool == true && created.json["secret_last4"] as? String == "cdef" && created.json["secret"] == nil)
        #expect(!created.text.contains(Self.secret))
        let replaced = try admin.put("/v1/webhooks/crm", Self.hook(9, kinds: ["badge.earned", "tier.changed"], secret: nil))
        #expect(replaced.status == 200 && replaced.json["secret_last4"] as? String == "cdef", "the secret is kept")
        #expect(try admin.put("/v1/webhooks/crm", Self.hook(9, kinds: ["badge.earned", "tier.changed"], secret: nil)).status == 200)
        #expect(try admin.put("/v1/webhooks/other", Self.hook(9, kinds: ["*"], secret: "another-secret-1234")).status == 201)
        let audit = try admin.get("/v1/audit?entity_kind=webhook")
        #expect(audit.items.count == 3, "created, replaced, created: an unchanged PUT audits nothing")
        #expect(!audit.text.contains(Self.secret) && !audit.text.contains("another-secret-1234"), "the audit never holds a secret")
        #expect(!(try admin.get("/v1/webhooks").text.contains(Self.secret)))
        let first = try admin.get("/v1/webhooks?limit=1")
        let cursor = try #require(first.json["next_cursor"] as? String)
        #expect(try first.items.first?["id"] as? String == "crm" && admin.get("/v1/webhooks?cursor=\(cursor)").items.first?["id"] as? String == "other")
        #expect(try admin.get("/v1/webhooks/crm/deliveries?status=sent").status == 400)
        #expect(try admin.delete("/v1/webhooks/crm").status == 204)
        #expect(try admin.get("/v1/webhooks/crm").status == 404 && admin.get("/v1/webhooks/crm/deliveries").status == 404)
    }

    @Test func everyKindArrivesInOrderAndPausedOrDeletedWebhooksGetNothing() throws {
        let receiver = try WebhookReceiver()
        let running = try ProgramServer(configuration: [
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/badges/first-deal", ["name": "First deal"]),
            ("/v1/tier-ladders/status", ["subject": "member", "currency": "points", "window": "lifetime",
                                         "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 50]]]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]], ["badge": "first-deal"]]]),
            ("/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 10]]),
            ("/v1/message-templates/badge", ["title": "New badge: {{badge_name}}", "body": "Well done"]),
        ], organizations: ["acme"], members: ["ann": "acme"], config: Self.fast)
        #expect(try running.admin.put("/v1/webhooks/all", Self.hook(receiver.port, kinds: ["*"])).status == 201)
        #expect(try Self.deal(running.portal, "d-1", amount: 60).status == 201)
        #expect(try running.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"]).status == 201)
        #expect(try running.admin.post("/v1/redemptions/r-1/fulfill", ["code": "ABC"]).status == 200)
        #expect(try running.portal.post("/v1/events/d-1/reverse", [String: Any]()).status == 200)
        let expected = ["badge.earned", "tier.changed", "event.recorded", "notification.badge", "redemption.pending",
                        "redemption.fulfilled", "event.reversed"]
        let requests = receiver.waitFor(expected.count)
        #expect(requests.map(\.kind) == expected, "the order of the commits, and within one the order of the writes")
        let byKind = Dictionary(requests.map { ($0.kind, $0.data) }, uniquingKeysWith: { first, _ in first })
        #expect(byKind["badge.earned"]?["badge_id"] as? String == "first-deal" && byKind["tier.changed"]?["to"] as? String == "silver")
        #expect((byKind["event.recorded"]?["postings"] as? [Any])?.count == 1 && byKind["event.recorded"]?["rules"] == nil)
        #expect(byKind["redemption.fulfilled"]?["code"] as? String == "ABC")
        #expect(requests.allSatisfy { $0.signatureVerifies(secret: Self.secret) })

        // What is refused, dry-run or rolled back leaves nothing to deliver.
        #expect(try running.portal.post("/v1/events", ["id": "x-1", "type": "deal.closed", "member_id": "nobody"]).status >= 400)
        #expect(try running.portal.post("/v1/events/dry-run", ["id": "x-2", "type": "deal.closed", "member_id": "ann",
                                                               "properties": ["amount": 60]]).status == 200)
        // Paused: nothing that happens meanwhile is delivered, even after it is active again.
        #expect(try running.admin.put("/v1/webhooks/all", Self.hook(receiver.port, kinds: ["*"], secret: nil, active: false)).status == 200)
        #expect(try Self.deal(running.portal, "d-2").status == 201)
        #expect(try running.admin.put("/v1/webhooks/all", Self.hook(receiver.port, kinds: ["event.recorded"], secret: nil)).status == 200)
        #expect(try Self.deal(running.portal, "d-3").status == 201)
        let after = receiver.waitFor(expected.count + 1)
        #expect(after.dropFirst(expected.count).map(Self.eventID) == ["d-3"])
        #expect(after.last?.signatureVerifies(secret: Self.secret) == true, "the kept secret still signs")

        #expect(try running.admin.delete("/v1/webhooks/all").status == 204)
        #expect(try Self.deal(running.portal, "d-4").status == 201)
        usleep(300_000)
        #expect(receiver.requests.count == expected.count + 1, "deleted: nothing more arrives")
    }

    @Test func badWebhookSettingsStopTheServerAtStartWithTheirPaths() throws {
        func refusal(environment: [String: String] = [:], config: [String: Any]? = nil) -> String {
            do {
                _ = try LaurelProcess(environment: environment, config: config)
                return "started"
            } catch {
                return "\(error)"
            }
        }
        let file = refusal(config: ["webhooks": ["retry_base_ms": 500, "retry_max_wait_ms": 100, "concurrency": 0, "retries": 3]])
        #expect(file.contains("$.webhooks.retry_max_wait_ms: must be at least retry_base_ms (500)"), "\(file)")
        #expect(file.contains("$.webhooks.concurrency: must be an integer from 1 to 256") && file.contains("$.webhooks.retries: unknown setting"))
        #expect(refusal(environment: ["LAUREL_WEBHOOKS_TIMEOUT_MS": "50"]).contains("webhooks timeout must be an integer from 100"))
    }
}
