import Foundation
import Testing

/// Message templates through the real server: awards, badges, tier levels and redemption statuses
/// leave the member a rendered message with rotating tips, in the same transaction; unknown
/// placeholders and triggers are refused; a deleted template sends nothing.
@Suite("Message templates")
struct MessageTemplateTests {
    static func messages(_ client: APIClient, _ member: String = "ann") throws -> [[String: Any]] {
        try client.get("/v1/members/\(member)/notifications").items
    }

    static func titles(_ items: [[String: Any]], kind: String) -> [String] {
        items.filter { $0["kind"] as? String == kind }.compactMap { ($0["payload"] as? [String: Any])?["title"] as? String }
    }

    @Test func whatHappensToAMemberLeavesItAMessageFromItsTemplate() throws {
        let running = try ProgramServer(configuration: [
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/badges/first-deal", ["name": "First deal"]),
            ("/v1/tier-ladders/status", ["subject": "member", "currency": "points", "window": "lifetime",
                                         "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 500]]]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]], ["badge": "first-deal"]]]),
            ("/v1/rewards/mug", ["name": "Mug", "kind": "merchandise", "cost": ["currency": "points", "amount": 100]]),
            ("/v1/message-templates/award", ["title": "You earned {{amount}} {{ currency }}", "body": "Thanks {{member_name}} for {{event_type}}",
                                             "tips": ["Tip A", "Tip B"]]),
            ("/v1/message-templates/badge", ["title": "New badge: {{badge_name}}", "body": "Well done"]),
            ("/v1/message-templates/tier_up", ["title": "Welcome to {{tier}}", "body": "{{member_name}} moved up"]),
            ("/v1/message-templates/redemption_status", ["title": "{{reward_name}}: {{status}}", "body": "Code {{code}}"]),
        ], organizations: ["acme"], members: ["ann": "acme"])
        _ = try running.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "name": "Ann"])
        #expect(try running.portal.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 600]]).status == 201)
        var inbox = try Self.messages(running.admin)
        #expect(Self.titles(inbox, kind: "award") == ["You earned 600 points"])
        #expect(Self.titles(inbox, kind: "badge") == ["New badge: First deal"])
        #expect(Self.titles(inbox, kind: "tier_up") == ["Welcome to silver"])
        let award = inbox.first { $0["kind"] as? String == "award" }?["payload"] as? [String: Any]
        #expect(award?["body"] as? String == "Thanks Ann for deal.closed" && award?["tip"] as? String == "Tip A")
        #expect(inbox.first { $0["kind"] as? String == "award" }?["event_id"] as? String == "d-1")

        #expect(try running.portal.post("/v1/events", ["id": "d-2", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 5]]).status == 201)
        inbox = try Self.messages(running.admin)
        #expect(inbox.compactMap { ($0["payload"] as? [String: Any])?["tip"] as? String }.prefix(1) == ["Tip B"], "tips take turns")

        let placed = try running.admin.post("/v1/redemptions", ["id": "r-1", "member_id": "ann", "reward_id": "mug"])
        #expect(placed.status == 201)
        #expect(try running.admin.post("/v1/redemptions/r-1/fulfill", ["code": "ABC"]).status == 200)
        #expect(Self.titles(try Self.messages(running.admin), kind: "redemption_status") == ["Mug: fulfilled", "Mug: pending"])

        #expect(try running.admin.delete("/v1/message-templates/award").status == 204)
        #expect(try running.portal.post("/v1/events", ["id": "d-3", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 5]]).status == 201)
        #expect(Self.titles(try Self.messages(running.admin), kind: "award").count == 2, "no template, no message")
    }

    @Test func templatesAreValidatedAgainstTheirTriggersPlaceholders() throws {
        let running = try ProgramServer(configuration: [], organizations: ["acme"], members: ["ann": "acme"])
        let unknown = try running.admin.put("/v1/message-templates/award", ["title": "{{amount}} {{badge_name}}", "body": "{{nope}}"])
        #expect(unknown.status == 400)
        let paths = Set((unknown.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["$.title", "$.body"], "\(unknown.text)")
        #expect(unknown.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(try running.admin.get("/v1/message-templates/award").status == 404, "nothing was written")
        #expect(try running.admin.put("/v1/message-templates/birthday", ["title": "x", "body": "y"]).status == 404)
        #expect(try running.portal.put("/v1/message-templates/award", ["title": "x", "body": "y"]).status == 403)
        let created = try running.admin.put("/v1/message-templates/goal_level", ["title": "{{goal_name}}: {{level}}", "body": "{{total}}"])
        #expect(created.status == 201)
        #expect((created.json["placeholders"] as? [String])?.contains("period") == true)
        #expect(try running.portal.get("/v1/message-templates").items.count == 1)
    }
}

/// "150 points to silver": told once, by the award that brings a member into the last fifth.
@Suite("Near the next tier")
struct NearNextTierMessageTests {
    @Test func theAwardThatBringsAMemberCloseSaysHowMuchIsLeftOnce() throws {
        let running = try ProgramServer(configuration: [
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/tier-ladders/status", ["subject": "member", "currency": "points", "window": "lifetime",
                                         "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 1000]]]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]]]]),
            ("/v1/message-templates/near_next_tier", ["title": "{{remaining}} {{currency}} to {{next_tier}}", "body": "Keep going"]),
        ], organizations: ["acme"], members: ["ann": "acme"])
        for (index, amount) in [500, 350, 50, 200].enumerated() {
            #expect(try running.portal.post("/v1/events", ["id": "d-\(index)", "type": "deal.closed", "member_id": "ann",
                                                           "properties": ["amount": amount]]).status == 201)
        }
        #expect(MessageTemplateTests.titles(try MessageTemplateTests.messages(running.admin), kind: "near_next_tier") == ["150 points to silver"])
    }
}

/// "100 points expire on …": the hourly reminder job tells each member once per batch.
@Suite("Points expiring reminders")
struct PointsExpiringMessageTests {
    @Test func membersAreToldOnceAboutPointsExpiringWithinTheTemplatesDays() throws {
        var server = try LaurelProcess(config: SchedulerTests.quietTimer)
        var admin = server.client()
        try admin.configure([
            ("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 10]]),
            ("/v1/currencies/credits", ["name": "Credits", "expiry": ["after_days": 100]]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed", "then": [["award": ["currency": "points", "amount": 100]],
                                                                            ["award": ["currency": "credits", "amount": 5]]]]),
            ("/v1/message-templates/points_expiring", ["title": "{{amount}} {{currency}} expire on {{expires_on}}", "body": "in {{days}} days",
                                                       "days_before": 30]),
        ])
        #expect(try admin.organization("acme").status == 201 && admin.member("ann", organization: "acme").status == 201)
        #expect(try admin.post("/v1/events", ["id": "d-1", "type": "deal.closed", "member_id": "ann"]).status == 201)
        let reminded = try SchedulerTests.runJobs(admin)["messages.expiry_reminders"]
        #expect((reminded?["result"] as? [String: Any])?["reminded"] as? Int == 1, "credits expire in 100 days: not yet")
        let titles = MessageTemplateTests.titles(try MessageTemplateTests.messages(admin), kind: "points_expiring")
        #expect(titles.count == 1 && titles.first?.hasPrefix("100 points expire on ") == true, "\(titles)")

        // Two hours later the job runs again: nothing new to tell.
        server = try SchedulerTests.restart(server, aheadMs: 2 * 3_600_000)
        admin = server.client()
        _ = try SchedulerTests.runJobs(admin)
        #expect(MessageTemplateTests.titles(try MessageTemplateTests.messages(admin), kind: "points_expiring").count == 1)
        let wrong = try admin.put("/v1/message-templates/award", ["title": "x", "body": "y", "days_before": 3])
        #expect(wrong.status == 400 && wrong.text.contains("$.days_before"))
    }
}
