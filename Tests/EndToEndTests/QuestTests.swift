import Foundation
import Testing

/// Quests through the real server: steps counted by events in and out of order, rewards per step
/// and on completion, explicit enrollment with its audience and deadline, reversals taking a step
/// back, the member's view, the feed and the messages, validation and authorization.
@Suite("Quests")
struct QuestTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init(quests: [(String, [String: Any])], config: [String: Any]? = nil) throws {
            running = try ProgramServer(
                configuration: [("/v1/currencies/points", ["name": "Points"]), ("/v1/badges/certified", ["name": "Certified"]),
                                ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 100]]]])]
                    + quests.map { ("/v1/quests/\($0.0)", $0.1) },
                organizations: ["acme", "globex"], members: ["ann": "acme", "bob": "acme", "gus": "globex"], config: config)
        }

        /// Posts an event and answers its `quests` list (fails on anything but 201).
        @discardableResult
        func event(_ id: String, _ type: String, _ member: String, _ properties: [String: Any] = [:], at: Date? = nil) throws -> [[String: Any]] {
            var body: [String: Any] = ["id": id, "type": type, "member_id": member, "properties": properties]
            if let at { body["occurred_at"] = ISO8601DateFormatter().string(from: at) }
            let response = try portal.post("/v1/events", body)
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
            return response.json["quests"] as? [[String: Any]] ?? []
        }

        func quests(of member: String, client: APIClient? = nil) throws -> [String: [String: Any]] {
            let items = try (client ?? admin).get("/v1/members/\(member)/quests").items
            return Dictionary(uniqueKeysWithValues: items.map { (($0["quest"] as? [String: Any])?["id"] as? String ?? "", $0) })
        }

        func points(_ member: String) throws -> Int? {
            let balances = try admin.get("/v1/members/\(member)/balances").json["balances"] as? [String: Any]
            return (balances?["points"] as? [String: Any])?["available"] as? Int
        }
    }

    static func onboarding(ordered: Bool) -> [String: Any] {
        ["name": "Onboarding", "ordered": ordered,
         "steps": [["id": "watch", "name": "Watch the welcome video", "match": ["type": "video.watched"],
                    "reward": [["award": ["currency": "points", "amount": 20, "to": "member"]]]],
                   ["id": "quiz", "match": ["type": "quiz.passed", "when": ["fact": "event.score", "op": "gte", "value": 80]], "count": 2,
                    "reward": [["award": ["currency": "points", "amount": 100, "to": "member"]]]]],
         "completion": [["badge": "certified"], ["boost": ["percent": 10, "on": "deal.closed", "uses": 2, "expires_in_days": 90]]]]
    }

    @Test func anUnorderedQuestCompletesInAnyOrderRewardingEachStepAndTheCompletion() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: false))])
        #expect(try program.admin.put("/v1/message-templates/quest_step", ["title": "{{step_name}} done", "body": "{{steps_done}}/{{steps_total}}"]).status == 201)
        #expect(try program.admin.put("/v1/message-templates/quest_complete", ["title": "{{quest_name}} complete", "body": "Well done"]).status == 201)
        #expect(try program.quests(of: "ann")["onboarding"]?["status"] as? String == "available")

        #expect(try program.event("q-low", "quiz.passed", "ann", ["score": 50]).isEmpty, "a quiz below 80 does not match the step")
        var progress = try program.event("q-1", "quiz.passed", "ann", ["score": 90])
        #expect(progress.first?["joined"] as? Bool == true && progress.first?["count"] as? Int == 1 && progress.first?["target"] as? Int == 2)
        #expect(progress.first?["step_completed"] as? Bool == false)
        progress = try program.event("q-2", "quiz.passed", "ann", ["score": 95])
        #expect(progress.first?["step_completed"] as? Bool == true && progress.first?["quest_completed"] as? Bool == false)
        let stepPostings = (progress.first?["rewards"] as? [String: Any])?["postings"] as? [[String: Any]]
        #expect(stepPostings?.first?["amount"] as? Int == 100 && stepPostings?.first?["to"] as? String == "member:ann")
        #expect(((progress.first?["next_step"] as? [String: Any])?["id"] as? String) == "watch")

        progress = try program.event("v-1", "video.watched", "ann")
        #expect(progress.first?["quest_completed"] as? Bool == true)
        let rewards = progress.first?["rewards"] as? [String: Any]
        #expect(rewards?["badges"] as? [String] == ["certified"])
        #expect((rewards?["boosts"] as? [[String: Any]])?.first?["percent"] as? Int == 10)
        #expect(try program.points("ann") == 120, "20 for the video step, 100 for the quiz step")

        let view = try program.quests(of: "ann")["onboarding"]
        #expect(view?["status"] as? String == "completed" && view?["steps_done"] as? Int == 2 && view?["next_step"] is NSNull)
        #expect(try program.event("v-2", "video.watched", "ann").isEmpty, "a completed quest counts nothing more")

        try program.event("d-1", "deal.closed", "ann")
        #expect(try program.points("ann") == 230, "the completion's boost adds 10 % to the next deal")
        let feed = try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "quest_completed" }
        #expect(feed.count == 1 && (feed.first?["quest"] as? [String: Any])?["name"] as? String == "Onboarding")
        let messages = try program.admin.get("/v1/members/ann/notifications").items.compactMap { ($0["payload"] as? [String: Any])?["title"] as? String }
        #expect(messages.contains("Onboarding complete") && messages.contains("Watch the welcome video done") && messages.contains("quiz done"))
        #expect(try program.quests(of: "bob")["onboarding"]?["status"] as? String == "available", "bob's quest is his own")
    }

    @Test func aDryRunShowsWhatAnEventWouldDoToQuestsAndWritesNothing() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: false))])
        try program.event("q-1", "quiz.passed", "ann", ["score": 90])
        let dry = try program.portal.post("/v1/events/dry-run", ["id": "q-2", "type": "quiz.passed", "member_id": "ann", "properties": ["score": 90]])
        #expect(dry.status == 200)
        let item = (dry.json["quests"] as? [[String: Any]])?.first
        #expect(item?["quest_id"] as? String == "onboarding" && item?["count"] as? Int == 2 && item?["step_completed"] as? Bool == true)
        let wouldGive = item?["would_give"] as? [[String: Any]]
        #expect((wouldGive?.first?["award"] as? [String: Any])?["amount"] as? Int == 100)
        let quiz = (try program.quests(of: "ann")["onboarding"]?["steps"] as? [[String: Any]])?.first { $0["id"] as? String == "quiz" }
        #expect(quiz?["count"] as? Int == 1, "a dry run counts nothing")
        #expect((try program.points("ann") ?? 0) == 0)
        let low = try program.portal.post("/v1/events/dry-run", ["id": "q-3", "type": "quiz.passed", "member_id": "ann", "properties": ["score": 10]])
        #expect((low.json["quests"] as? [Any])?.isEmpty == true, "a quiz below 80 matches no step")
    }

    @Test func anOrderedQuestRefusesALaterStepUntilTheEarlierOneIsDone() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: true))])
        let refused = try program.event("q-1", "quiz.passed", "ann", ["score": 90])
        #expect(refused.first?["counted"] as? Bool == false && refused.first?["joined"] as? Bool == false)
        #expect(try program.quests(of: "ann")["onboarding"]?["status"] as? String == "available", "a refused event joins nothing")
        #expect((refused.first?["reason"] as? String)?.contains("step watch comes first") == true)
        var view = try program.quests(of: "ann")["onboarding"]
        #expect(view?["steps_done"] as? Int == 0 && (view?["next_step"] as? [String: Any])?["id"] as? String == "watch")
        #expect((try program.points("ann") ?? 0) == 0)

        #expect(try program.event("v-1", "video.watched", "ann").first?["step_completed"] as? Bool == true)
        try program.event("q-2", "quiz.passed", "ann", ["score": 90])
        #expect(try program.event("q-3", "quiz.passed", "ann", ["score": 90]).first?["quest_completed"] as? Bool == true)
        view = try program.quests(of: "ann")["onboarding"]
        #expect(view?["status"] as? String == "completed")
        let steps = view?["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["count"] as? Int } == [1, 2] && steps.allSatisfy { $0["done"] as? Bool == true })
    }

    @Test func explicitQuestsNeedAnEnrollmentWithinTheirAudienceAndCountFromIt() throws {
        let program = try Program(quests: [("deals", [
            "name": "Three deals", "enrollment": "explicit", "audience": ["roles": ["engineer"]],
            "steps": [["id": "deal", "match": ["type": "deal.closed"], "count": 3]],
        ])])
        #expect(try program.admin.member("eve", organization: "acme", role: "engineer").status == 201)
        #expect(try program.event("d-0", "deal.closed", "eve").isEmpty, "not enrolled: nothing counts")
        #expect(try program.quests(of: "eve")["deals"]?["status"] as? String == "enrollable")
        #expect(try program.quests(of: "ann")["deals"] == nil, "outside the audience, not offered")

        let refused = try program.portal.post("/v1/quests/deals/enrollments", ["member_id": "ann"])
        #expect(refused.status == 422 && refused.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect((refused.json["errors"] as? [[String: Any]])?.first?["path"] as? String == "$.member_id")
        #expect(try program.portal.post("/v1/quests/deals/enrollments", ["member": "eve"]).status == 400)
        #expect(try program.portal.post("/v1/quests/nope/enrollments", ["member_id": "eve"]).status == 404)
        let viewer = program.server.client(key: try program.admin.createKey(["role": "viewer", "name": "v"]).secret)
        #expect(try viewer.post("/v1/quests/deals/enrollments", ["member_id": "eve"]).status == 403)
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "g", "organization_id": "globex"]).secret)
        #expect(try globex.post("/v1/quests/deals/enrollments", ["member_id": "eve"]).status == 404)
        #expect(try globex.get("/v1/members/eve/quests").status == 404)

        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "a", "organization_id": "acme"]).secret)
        let enrolled = try acme.post("/v1/quests/deals/enrollments", ["member_id": "eve"])
        #expect(enrolled.status == 201 && enrolled.json["status"] as? String == "active")
        #expect(try acme.post("/v1/quests/deals/enrollments", ["member_id": "eve"]).status == 200, "enrolling again answers the enrollment")

        let early = try program.event("d-old", "deal.closed", "eve", at: Date().addingTimeInterval(-86_400))
        #expect(early.first?["counted"] as? Bool == false && (early.first?["reason"] as? String)?.contains("before the member joined") == true)
        #expect(try program.event("d-1", "deal.closed", "eve").first?["count"] as? Int == 1)
        let view = try program.quests(of: "eve", client: acme)["deals"]
        #expect(view?["status"] as? String == "active" && (view?["next_step"] as? [String: Any])?["remaining"] as? Int == 2)

        #expect(try program.admin.member("gil", organization: "globex", role: "engineer").status == 201)
        #expect(try globex.post("/v1/quests/deals/enrollments", ["member_id": "gil"]).status == 201)
        let everyone = try program.admin.get("/v1/quests/deals/enrollments?limit=1")
        #expect(everyone.items.map { $0["member_id"] as? String } == ["eve"] && everyone.json["next_cursor"] is String)
        #expect(try program.admin.get("/v1/quests/deals/enrollments").items.map { $0["member_id"] as? String } == ["eve", "gil"])
        #expect(try globex.get("/v1/quests/deals/enrollments").items.map { $0["member_id"] as? String } == ["gil"], "a partner sees its own")
        #expect(try globex.get("/v1/quests/nope/enrollments").status == 404)
    }

    @Test func aQuestThatHasEndedCountsNothingMoreAndSaysWhy() throws {
        let ends = Date().addingTimeInterval(2)
        let program = try Program(quests: [("sprint", [
            "name": "Sprint", "ends_at": ISO8601DateFormatter().string(from: ends),
            "steps": [["id": "deal", "match": ["type": "deal.closed"], "count": 2]],
        ])])
        #expect(try program.event("d-1", "deal.closed", "ann").first?["count"] as? Int == 1)
        Thread.sleep(until: ends.addingTimeInterval(0.3))
        let late = try program.event("d-2", "deal.closed", "ann")
        #expect(late.first?["counted"] as? Bool == false && (late.first?["reason"] as? String)?.contains("deadline") == true)
        #expect(try program.quests(of: "ann")["sprint"]?["status"] as? String == "expired")
        #expect(try program.event("d-3", "deal.closed", "bob").isEmpty, "nobody joins an ended quest")
        #expect(try program.portal.post("/v1/quests/sprint/enrollments", ["member_id": "bob"]).status == 422)
    }

    @Test func reversingTheCompletingEventTakesTheStepAndItsRewardsBack() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: false))])
        try program.event("q-1", "quiz.passed", "ann", ["score": 90])
        try program.event("q-2", "quiz.passed", "ann", ["score": 90])
        try program.event("v-1", "video.watched", "ann")
        #expect(try program.points("ann") == 120)
        let reversal = try program.admin.post("/v1/events/q-2/reverse", [:])
        #expect(reversal.status == 200)
        let taken = reversal.json["quests"] as? [[String: Any]]
        #expect(taken?.first?["step_id"] as? String == "quiz" && taken?.first?["reopened"] as? Bool == true)
        #expect(try program.points("ann") == 20, "the quiz step's 100 points are clawed back")
        let badges = try program.admin.get("/v1/members/ann/badges").json["badges"] as? [[String: Any]] ?? []
        #expect(badges.allSatisfy { !($0["revoked_at"] is NSNull) }, "the completion badge is revoked")
        let view = try program.quests(of: "ann")["onboarding"]
        #expect(view?["status"] as? String == "active" && (view?["next_step"] as? [String: Any])?["remaining"] as? Int == 1)
        #expect(try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "quest_completed" }.isEmpty)
        let again = try program.admin.post("/v1/events/q-2/reverse", [:])
        #expect((again.json["quests"] as? [[String: Any]])?.count == 1, "reversing again answers the same")
        #expect(try program.points("ann") == 20)

        #expect(try program.event("q-3", "quiz.passed", "ann", ["score": 99]).first?["quest_completed"] as? Bool == true)
        #expect(try program.points("ann") == 120, "done again, given again: once")
        #expect(try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "quest_completed" }.count == 1)
        #expect(try program.admin.get("/v1/members/ann/boosts?active=true").items.count == 1, "one completion boost, not two")

        // q-1 did not give the step's reward (q-3 did), but reversing it reopens the step: the reward goes back all the same.
        #expect(try program.admin.post("/v1/events/q-1/reverse", [:]).status == 200)
        #expect(try program.points("ann") == 20)
        #expect(try program.admin.get("/v1/members/ann/boosts?active=true").items.isEmpty)
    }

    @Test func aQuestCreatedAgainAfterItsDeletionStartsFromNothingWhileTheOldCompletionsStayHistory() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: false))])
        try program.event("q-1", "quiz.passed", "ann", ["score": 90])
        try program.event("q-2", "quiz.passed", "ann", ["score": 90])
        try program.event("v-1", "video.watched", "ann")
        try program.event("q-b", "quiz.passed", "bob", ["score": 90])
        #expect(try program.points("ann") == 120)
        #expect(try program.quests(of: "ann")["onboarding"]?["status"] as? String == "completed")

        #expect(try program.admin.delete("/v1/quests/onboarding").status == 204)
        #expect(try program.quests(of: "ann")["onboarding"] == nil)
        #expect(try program.admin.put("/v1/quests/onboarding", Self.onboarding(ordered: false)).status == 201)
        let fresh = try program.quests(of: "ann")["onboarding"]
        #expect(fresh?["status"] as? String == "available" && fresh?["steps_done"] as? Int == 0, "the old completion is not the new quest's")
        #expect(try program.admin.get("/v1/quests/onboarding/enrollments").items.isEmpty, "bob's old progress is not counted either")

        let first = try program.event("q-3", "quiz.passed", "ann", ["score": 90]).first
        #expect(first?["joined"] as? Bool == true && first?["count"] as? Int == 1)
        try program.event("q-4", "quiz.passed", "ann", ["score": 90])
        #expect(try program.event("v-2", "video.watched", "ann").first?["quest_completed"] as? Bool == true)
        #expect(try program.points("ann") == 240, "the new quest's step and completion rewards are given again")
        #expect(try program.admin.get("/v1/members/ann/boosts?active=true").items.count == 2)

        let completions = try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "quest_completed" }
        #expect(completions.count == 2, "the old completion still stands on the wall, beside the new one")
        let series = try program.admin.get("/v1/analytics/timeseries?metric=quest_completions&interval=day")
        #expect((series.json["points"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Int }.reduce(0, +) == 2)

        // q-1 counted in the deleted quest: reversing it leaves the new quest's enrollment alone.
        let reversal = try program.admin.post("/v1/events/q-1/reverse", [:])
        #expect(reversal.status == 200)
        #expect((reversal.json["quests"] as? [Any])?.isEmpty == true)
        #expect(try program.quests(of: "ann")["onboarding"]?["status"] as? String == "completed")
        #expect(try program.points("ann") == 240)
        #expect(try program.admin.get("/v1/feed").items.filter { $0["kind"] as? String == "quest_completed" }.count == 2)
    }

    @Test func aRulesQuestEffectCountsAStepWithTheRulesOwnConditions() throws {
        let program = try Program(quests: [("big-deals", [
            "name": "Two big deals", "steps": [["id": "big", "match": ["type": "deal.big"], "count": 2]],
            "completion": [["award": ["currency": "points", "amount": 1000, "to": "member"]]],
        ])])
        let unknown = try program.admin.put("/v1/rules/big", ["name": "Big", "on": "deal.closed",
                                                              "then": [["quest": ["id": "nope", "step": "big"]], ["quest": ["id": "big-deals", "step": "x"]]]])
        #expect(unknown.status == 422)
        #expect(Set((unknown.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }) == ["$.then[0].quest.id", "$.then[1].quest.step"])
        #expect(try program.admin.put("/v1/rules/big", [
            "name": "Big", "on": "deal.closed", "when": ["fact": "event.amount", "op": "gte", "value": 5000],
            "then": [["quest": ["id": "big-deals", "step": "big"]]],
        ]).status == 201)
        #expect(try program.event("d-small", "deal.closed", "ann", ["amount": 100]).isEmpty, "the rule's condition fails: nothing counts")
        let first = try program.event("d-1", "deal.closed", "ann", ["amount": 6000])
        #expect(first.first?["quest_id"] as? String == "big-deals" && first.first?["count"] as? Int == 1)
        let dry = try program.portal.post("/v1/events/dry-run", ["id": "d-2", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 9000]])
        #expect((dry.json["quests"] as? [[String: Any]])?.first?["quest_completed"] as? Bool == true)
        #expect(try program.event("d-2", "deal.closed", "ann", ["amount": 9000]).first?["quest_completed"] as? Bool == true)
        #expect(try program.points("ann") == 1300, "the deal rule's 100 for each of three deals, and 1000 for completing")
        #expect(try program.admin.delete("/v1/quests/big-deals").status == 409, "a live rule still counts its steps")
    }

    @Test func liftComparesWhatCompletersDidAfterwardsWithTheOthers() throws {
        let program = try Program(quests: [("onboarding", Self.onboarding(ordered: true))])
        let start = Date().addingTimeInterval(-10 * 86_400)
        func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * 3600) }
        try program.event("a-v", "video.watched", "ann", at: at(0))
        try program.event("a-q1", "quiz.passed", "ann", ["score": 90], at: at(1))
        #expect(try program.event("a-q2", "quiz.passed", "ann", ["score": 90], at: at(2)).first?["quest_completed"] as? Bool == true)
        try program.event("a-d1", "deal.closed", "ann", ["amount": 700], at: at(3))
        try program.event("a-d2", "deal.closed", "ann", ["amount": 500], at: at(4))
        try program.event("b-v", "video.watched", "bob", at: at(0))
        try program.event("b-d1", "deal.closed", "bob", ["amount": 300], at: at(5))
        try program.event("b-late", "deal.closed", "bob", ["amount": 999], at: at(30))

        let lift = try program.admin.get("/v1/quests/onboarding/lift?event_type=deal.closed&days=1")
        #expect(lift.status == 200)
        #expect((lift.json["completers"] as? [String: Any])?["mean_after"] as? Double == 2)
        #expect((lift.json["non_completers"] as? [String: Any])?["mean_after_joining"] as? Double == 1, "bob's late deal is outside his day")
        #expect(lift.json["lift_percent"] as? Double == 100)
        let sums = try program.admin.get("/v1/quests/onboarding/lift?event_type=deal.closed&property=amount&days=1")
        #expect((sums.json["completers"] as? [String: Any])?["mean_after"] as? Double == 1200 && sums.json["lift_percent"] as? Double == 300)
        #expect(try program.admin.get("/v1/quests/onboarding/lift").status == 400)
        #expect(try program.admin.get("/v1/quests/nope/lift?event_type=x").status == 404)
        let partner = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "p", "organization_id": "acme"]).secret)
        #expect(try partner.get("/v1/quests/onboarding/lift?event_type=deal.closed").status == 403)
    }

    @Test func completionsReachWebhooksSubscribedToThem() throws {
        let receiver = try WebhookReceiver()
        let program = try Program(quests: [
            ("first-deal", ["name": "First deal", "steps": [["id": "deal", "match": ["type": "deal.closed"]]]]),
            ("two-videos", ["name": "Two videos", "steps": [["id": "video", "match": ["type": "video.watched"], "count": 2]]]),
        ], config: WebhookTests.fast)
        #expect(try program.admin.put("/v1/webhooks/quests", WebhookTests.hook(receiver.port, kinds: ["quest.completed"])).status == 201)
        try program.event("d-1", "deal.closed", "ann")
        try program.event("v-1", "video.watched", "ann")
        try program.event("v-2", "video.watched", "ann")
        let received = receiver.waitFor(2)
        #expect(received.map(\.kind) == ["quest.completed", "quest.completed"])
        #expect(received.map { $0.data["quest_id"] as? String } == ["first-deal", "two-videos"],
                "completed at once by the joining event, and by a later one, in commit order")
        #expect(received.allSatisfy { $0.data["member_id"] as? String == "ann" && $0.signatureVerifies(secret: WebhookTests.secret) })
    }

    @Test func aRefusedDefinitionIsProblemJSONWithPathsAndWritesNothing() throws {
        let program = try Program(quests: [])
        let bad = try program.admin.put("/v1/quests/q", [
            "name": "Q", "ordered": "yes", "steps": [["id": "a", "match": ["type": "x"], "count": 0, "reward": [["tag": ["segment": "s", "to": "member"]]]]],
        ])
        #expect(bad.status == 422 || bad.status == 400)
        #expect(bad.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        let paths = Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["$.ordered", "$.steps[0].count", "$.steps[0].reward[0]"])
        let unknown = try program.admin.put("/v1/quests/q", [
            "name": "Q", "steps": [["id": "a", "match": ["type": "x"], "reward": [["award": ["currency": "gold", "amount": 5]]]]],
            "completion": [["badge": "nope"]],
        ])
        #expect(unknown.status == 422)
        #expect(Set((unknown.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            == ["$.steps[0].reward[0].award.currency", "$.completion[0].badge"])
        #expect(try program.admin.get("/v1/quests/q").status == 404)
        #expect(try program.portal.put("/v1/quests/q", Self.onboarding(ordered: true)).status == 403)
        #expect(try program.admin.put("/v1/quests/q", Self.onboarding(ordered: true)).status == 201)
        #expect(try program.admin.put("/v1/quests/q", Self.onboarding(ordered: true)).status == 200)
        #expect(try program.admin.get("/v1/quests").items.count == 1)
        #expect(try program.admin.delete("/v1/badges/certified").status == 409, "the quest still gives it")
        #expect(try program.portal.delete("/v1/quests/q").status == 403)
        #expect(try program.admin.delete("/v1/quests/q").status == 204)
        #expect(try program.admin.get("/v1/quests/q").status == 404)
    }
}
