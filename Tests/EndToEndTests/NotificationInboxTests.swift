import Foundation
import Testing

/// A member's inbox through the real server: notifications from rules' notify effects, the unread
/// ones, marking some or all read (again changes nothing), and who may do what.
@Suite("Notification inbox")
struct NotificationInboxTests {
    @Test func unreadNotificationsAreListedNewestFirstAndMarkedReadOnce() throws {
        let running = try ProgramServer(configuration: [
            ("/v1/currencies/points", ["name": "Points"]),
            ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                "then": [["notify": ["template": "deal-thanks", "amount": 5]]]]),
        ], organizations: ["acme", "globex"], members: ["ann": "acme"])
        for index in 1...3 {
            #expect(try running.portal.post("/v1/events", ["id": "d-\(index)", "type": "deal.closed", "member_id": "ann"]).status == 201)
        }
        let inbox = try running.admin.get("/v1/members/ann/notifications?unread=true").items
        #expect(inbox.count == 3)
        #expect(inbox.compactMap { $0["event_id"] as? String } == ["d-3", "d-2", "d-1"])
        #expect(inbox.first?["template"] as? String == "deal-thanks")
        let ids = inbox.compactMap { $0["id"] as? Int }

        let marked = try running.portal.post("/v1/members/ann/notifications/read", ["ids": [ids[2]]])
        #expect(marked.status == 200 && marked.json["marked"] as? Int == 1, "\(marked.text)")
        #expect(try running.portal.post("/v1/members/ann/notifications/read", ["ids": [ids[2]]]).json["marked"] as? Int == 0)
        #expect(try running.admin.get("/v1/members/ann/notifications?unread=true").items.count == 2)
        #expect(try running.portal.post("/v1/members/ann/notifications/read", [:] as [String: Any]).json["marked"] as? Int == 2)
        #expect(try running.admin.get("/v1/members/ann/notifications?unread=true").items.isEmpty)
        let all = try running.admin.get("/v1/members/ann/notifications?limit=2")
        #expect(all.items.count == 2 && all.items.allSatisfy { $0["read_at"] is String })
        let cursor = try #require(all.json["next_cursor"] as? String)
        #expect(try running.admin.get("/v1/members/ann/notifications?limit=2&cursor=\(cursor)").items.count == 1)
    }

    @Test func keysOutsideTheMembersOrganizationAndViewersCannotMarkIt() throws {
        let running = try ProgramServer(configuration: [], organizations: ["acme", "globex"], members: ["ann": "acme"])
        let globex = running.server.client(key: try running.admin.createKey(["role": "partner", "name": "g", "organization_id": "globex"]).secret)
        let viewer = running.server.client(key: try running.admin.createKey(["role": "viewer", "name": "v"]).secret)
        #expect(try globex.get("/v1/members/ann/notifications").status == 404)
        #expect(try globex.post("/v1/members/ann/notifications/read", [:] as [String: Any]).status == 404)
        #expect(try viewer.get("/v1/members/ann/notifications").status == 200)
        #expect(try viewer.post("/v1/members/ann/notifications/read", [:] as [String: Any]).status == 403)
        let bad = try running.admin.post("/v1/members/ann/notifications/read", ["ids": [1, "x", -2], "all": true])
        #expect(bad.status == 400)
        let paths = Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == ["$.ids[1]", "$.ids[2]", "$.all"], "\(paths)")
        #expect(try running.admin.get("/v1/members/nobody/notifications").status == 404)
    }
}
