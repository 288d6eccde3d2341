import Foundation
import Testing

/// The feed through the real server: achievements as they happen, newest first, revoked badges
/// left out, private profiles anonymous, each organization's wall, and partner scope.
@Suite("Feed")
struct FeedTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init() throws {
            running = try ProgramServer(configuration: [
                ("/v1/currencies/points", ["name": "Points"]),
                ("/v1/badges/first-deal", ["name": "First deal"]),
                ("/v1/tier-ladders/status", ["subject": "member", "currency": "points", "window": "lifetime",
                                             "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 500]]]),
                ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                    "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]], ["badge": "first-deal"]]]),
            ], organizations: ["acme", "globex"], members: ["ann": "acme", "dan": "globex"])
        }

        func deal(_ id: String, _ member: String, _ amount: Int) throws {
            let response = try portal.post("/v1/events", ["id": id, "type": "deal.closed", "member_id": member, "properties": ["amount": amount]])
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
        }

        func feed(_ query: String = "", client: APIClient? = nil) throws -> [[String: Any]] {
            let response = try (client ?? admin).get("/v1/feed" + (query.isEmpty ? "" : "?\(query)"))
            guard response.status == 200 else { throw RawHTTPError(description: "feed: \(response.status) \(response.text)") }
            return response.items
        }
    }

    static func kinds(_ items: [[String: Any]]) -> [String] {
        items.map { item in
            let who = (item["member"] as? [String: Any])?["id"] as? String ?? "anonymous"
            return "\(item["kind"] as? String ?? "?"):\(who)"
        }
    }

    @Test func achievementsAppearNewestFirstAndARevokedBadgeDisappears() throws {
        let program = try Program()
        try program.deal("d-1", "dan", 100)
        try program.deal("d-2", "ann", 600)
        // One event earned Ann both; the feed lists what it wrote first last.
        let first = Self.kinds(try program.feed())
        #expect(Set(first.prefix(2)) == ["tier_reached:ann", "badge_earned:ann"] && first.last == "badge_earned:dan", "\(first)")
        let tier = try program.feed().first { $0["kind"] as? String == "tier_reached" }
        #expect((tier?["tier"] as? [String: Any])?["level_id"] as? String == "silver")
        #expect((tier?["organization"] as? [String: Any])?["name"] as? String == "Org acme")
        let badge = try program.feed().first { $0["kind"] as? String == "badge_earned" }
        #expect((badge?["badge"] as? [String: Any])?["name"] as? String == "First deal")

        #expect(try program.admin.post("/v1/events/d-1/reverse", [:] as [String: Any]).status == 200)
        #expect(Self.kinds(try program.feed()).allSatisfy { !$0.hasSuffix(":dan") }, "the revoked badge is gone")
        #expect(try program.feed("organization_id=globex").isEmpty)
        #expect(try program.feed("organization_id=acme").count == 2)

        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try program.admin.get("/v1/feed?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
            seen += page.items.compactMap { $0["id"] as? String }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil && seen.count < 10
        let whole = try program.feed().compactMap { $0["id"] as? String }
        #expect(seen == whole, "pages of one give the same feed")
    }

    @Test func privateProfilesAreAnonymousAndPartnersSeeTheirOwnWall() throws {
        let program = try Program()
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "name": "Ann", "public_profile": false])
        try program.deal("d-1", "ann", 100)
        try program.deal("d-2", "dan", 100)
        #expect(Self.kinds(try program.feed(client: program.portal)) == ["badge_earned:dan", "badge_earned:anonymous"])
        #expect(Self.kinds(try program.feed("as_member=ann", client: program.portal)) == ["badge_earned:dan", "badge_earned:ann"])
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "g", "organization_id": "globex"]).secret)
        #expect(Self.kinds(try program.feed(client: globex)) == ["badge_earned:dan"], "a partner's wall is its own")
        #expect(try globex.get("/v1/feed?organization_id=acme").status == 404)
        #expect(try program.admin.get("/v1/feed?organization_id=nowhere").status == 404)
        #expect(try program.admin.get("/v1/feed?cursor=abc").status == 400)
    }
}
