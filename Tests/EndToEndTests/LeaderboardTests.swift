import Foundation
import Testing

/// Leaderboards through the real server: ISO weeks in a non-UTC zone, ties, reversals, rebuilds and
/// restarts, averages per member, tier partitions that move, rolling windows that slide, private
/// profiles, partner scope, validation, CSV.
@Suite("Leaderboards")
struct LeaderboardTests {
    /// Points as `event.amount` for every `deal.closed`, to the member.
    static var configuration: [(String, [String: Any])] {[
        ("/v1/currencies/points", ["name": "Points"]),
        ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                            "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]]]]),
    ]}

    struct Program: ProgramFixture {
        let running: ProgramServer

        init(boards: [(String, [String: Any])], extra: [(String, [String: Any])] = [], timeZone: String = "UTC",
             members: KeyValuePairs<String, String> = ["ann": "acme", "bob": "acme", "cat": "acme", "dan": "globex"]) throws {
            running = try ProgramServer(
                configuration: LeaderboardTests.configuration + extra + boards.map { ("/v1/leaderboards/\($0.0)", $0.1) },
                organizations: ["acme", "globex"], members: members, config: ["program": ["time_zone": timeZone]])
        }

        func deal(_ id: String, _ member: String, _ amount: Int, at: Date = Date()) throws {
            let body: [String: Any] = ["id": id, "type": "deal.closed", "member_id": member, "occurred_at": LeaderboardTests.rfc3339(at),
                                       "properties": ["amount": amount]]
            let response = try portal.post("/v1/events", body)
            guard response.status == 201 else { throw RawHTTPError(description: "\(id): \(response.status) \(response.text)") }
        }

        /// (subject id, rank, score) of each entry, in listing order.
        func standings(_ board: String, _ query: String = "", client: APIClient? = nil) throws -> [(String, Int, Double)] {
            let response = try (client ?? admin).get("/v1/leaderboards/\(board)" + (query.isEmpty ? "" : "?\(query)"))
            guard response.status == 200 else { throw RawHTTPError(description: "\(board): \(response.status) \(response.text)") }
            return response.items.map { item in
                let subject = item["subject"] as? [String: Any] ?? [:]
                return (subject["id"] as? String ?? "?", item["rank"] as? Int ?? 0, (item["score"] as? NSNumber)?.doubleValue ?? .nan)
            }
        }
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static var allTimePoints: [String: Any] {["name": "All time", "subject": "member", "period": "all", "metric": ["currency": "points"]]}

    @Test func tiesShareARankAndWhoeverGotThereFirstIsListedFirst() throws {
        let program = try Program(boards: [("all", Self.allTimePoints)])
        let now = Date()
        try program.deal("d-1", "ann", 300, at: now.addingTimeInterval(-600))
        try program.deal("d-2", "bob", 200, at: now.addingTimeInterval(-60))
        try program.deal("d-3", "cat", 200, at: now.addingTimeInterval(-300))
        try program.deal("d-4", "dan", 100, at: now.addingTimeInterval(-30))
        let board = try program.standings("all")
        #expect(board.map(\.0) == ["ann", "cat", "bob", "dan"], "cat reached 200 before bob")
        #expect(board.map(\.1) == [1, 2, 2, 4])
        #expect(board.map(\.2) == [300, 200, 200, 100])

        let page = try program.admin.get("/v1/leaderboards/all?limit=2")
        #expect(page.json["total"] as? Int == 4)
        let cursor = try #require(page.json["next_cursor"] as? String)
        let rest = try program.standings("all", "limit=2&cursor=\(cursor)")
        #expect(rest.map(\.0) == ["bob", "dan"] && rest.map(\.1) == [2, 4], "ranks continue across pages")
    }

    @Test func aSubjectSeesItsRankTheGapToTheNextRankAndItsNeighbours() throws {
        let program = try Program(boards: [("all", Self.allTimePoints)])
        for (index, (member, amount)) in [("ann", 500), ("bob", 400), ("cat", 250), ("dan", 100)].enumerated() {
            try program.deal("d-\(index)", member, amount)
        }
        let standing = try program.admin.get("/v1/leaderboards/all/subjects/cat?radius=1").json
        #expect(standing["rank"] as? Int == 3)
        #expect(standing["score"] as? Int == 250)
        #expect(standing["gap_to_next_rank"] as? Int == 150, "bob's 400 is the next rank up")
        #expect((standing["above"] as? [[String: Any]])?.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String } == ["bob"])
        #expect((standing["below"] as? [[String: Any]])?.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String } == ["dan"])
        let leader = try program.admin.get("/v1/leaderboards/all/subjects/ann?radius=2").json
        #expect(leader["rank"] as? Int == 1 && leader["gap_to_next_rank"] is NSNull)
        #expect((leader["above"] as? [Any])?.isEmpty == true && (leader["below"] as? [Any])?.count == 2)
        #expect(try program.admin.member("eve", organization: "globex").status == 201)
        let unranked = try program.admin.get("/v1/leaderboards/all/subjects/eve").json
        #expect(unranked["ranked"] as? Bool == false && unranked["rank"] is NSNull)
    }

    @Test func aReversedDealLowersTheRankAndARebuildOrARestartGivesTheSameBoard() throws {
        let program = try Program(boards: [("all", Self.allTimePoints)])
        try program.deal("d-1", "ann", 300)
        try program.deal("d-2", "bob", 200)
        try program.deal("d-3", "ann", 150)
        #expect(try program.standings("all").map(\.0) == ["ann", "bob"])
        #expect(try program.admin.post("/v1/events/d-1/reverse", [:] as [String: Any]).status == 200)
        let afterReversal = try program.standings("all")
        #expect(afterReversal.map(\.0) == ["bob", "ann"])
        #expect(afterReversal.map(\.2) == [200, 150])

        let rebuilt = try program.admin.post("/v1/leaderboards/rebuild", [:] as [String: Any])
        #expect(rebuilt.status == 200 && rebuilt.json["subjects"] as? Int == 2, "\(rebuilt.text)")
        let afterRebuild = try program.standings("all")
        #expect(afterRebuild.map(\.0) == afterReversal.map(\.0) && afterRebuild.map(\.2) == afterReversal.map(\.2))
        #expect(try program.portal.post("/v1/leaderboards/rebuild", [:] as [String: Any]).status == 403, "admin only")

        #expect(program.server.terminate() == 0)
        let restarted = try LaurelProcess(directory: program.server.directory, adminKey: program.server.adminKey)
        let response = try restarted.client().get("/v1/leaderboards/all")
        #expect(response.items.compactMap { ($0["subject"] as? [String: Any])?["id"] as? String } == ["bob", "ann"])
        #expect(response.items.compactMap { $0["score"] as? Int } == [200, 150])
    }

    @Test func adjustmentsMoveScoresAndOrganizationsCompeteBySizeBand() throws {
        let program = try Program(boards: [
            ("all", Self.allTimePoints),
            ("by-size", ["name": "By size", "subject": "organization", "period": "all", "metric": ["currency": "points"],
                         "partition_by": "organization_size"]),
        ])
        try program.deal("d-1", "ann", 100)
        try program.deal("d-2", "dan", 300)
        #expect(try program.admin.post("/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": 250, "reason": "bonus"]).status == 201)
        #expect(try program.standings("all").map(\.0) == ["ann", "dan"] && program.standings("all").map(\.2) == [350, 300])
        #expect(try program.admin.post("/v1/adjustments", ["member_id": "ann", "currency": "points", "amount": -100, "reason": "correction"]).status == 201)
        #expect(try program.standings("all").map(\.0) == ["dan", "ann"] && program.standings("all").map(\.2) == [300, 250])
        // acme has three members, globex one: both are in the 1-9 band.
        #expect(try program.standings("by-size", "partition=1-9").map(\.0) == ["globex", "acme"])
        #expect(try program.admin.get("/v1/leaderboards/by-size?partition=1-9").json["partitions"] as? [String] == ["1-9"])
    }

    @Test func organizationBoardsCanRankByTheAveragePerMemberSoSmallFirmsCompete() throws {
        let program = try Program(boards: [
            ("orgs-total", ["name": "Total", "subject": "organization", "period": "all", "metric": ["currency": "points"]]),
            ("orgs-average", ["name": "Per member", "subject": "organization", "period": "all",
                              "metric": ["currency": "points", "aggregate": "average"]]),
            ("teams", ["name": "Teams", "subject": "team", "period": "all", "metric": ["event_type": "deal.closed"]]),
        ], members: ["ann": "acme", "bob": "acme", "cat": "acme", "dan": "globex"])
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "team": "red"])
        _ = try program.admin.put("/v1/members/bob", ["organization_id": "acme", "role": "sales", "team": "red"])
        try program.deal("d-1", "ann", 100)
        try program.deal("d-2", "bob", 100)
        try program.deal("d-3", "cat", 100)
        try program.deal("d-4", "dan", 150)
        let total = try program.standings("orgs-total")
        #expect(total.map(\.0) == ["acme", "globex"] && total.map(\.2) == [300, 150])
        let average = try program.standings("orgs-average")
        #expect(average.map(\.0) == ["globex", "acme"], "150 per member beats 100 per member")
        #expect(average.map(\.2) == [150, 100])
        let teams = try program.standings("teams")
        #expect(teams.map(\.0) == ["acme/red"] && teams.map(\.2) == [2], "members without a team are in no team")
        #expect(try program.admin.get("/v1/leaderboards/teams/subjects/acme%2Fred").json["rank"] as? Int == 1)
    }

    @Test func aTierPartitionMovesAMemberWhenItsTierChanges() throws {
        let ladder: [String: Any] = ["subject": "member", "currency": "points", "window": "lifetime",
                                     "levels": [["id": "bronze", "threshold": 0], ["id": "silver", "threshold": 500]]]
        let program = try Program(
            boards: [("by-tier", ["name": "By tier", "subject": "member", "period": "all", "metric": ["event_type": "deal.closed"],
                                  "partition_by": "tier"])],
            extra: [("/v1/tier-ladders/status", ladder)])
        try program.deal("d-1", "ann", 100)
        try program.deal("d-2", "bob", 100)
        #expect(try program.standings("by-tier", "partition=bronze").map(\.0) == ["ann", "bob"])
        try program.deal("d-3", "ann", 450)
        #expect(try program.standings("by-tier", "partition=bronze").map(\.0) == ["bob"])
        let silver = try program.standings("by-tier", "partition=silver")
        #expect(silver.map(\.0) == ["ann"] && silver.map(\.2) == [2])
        let standing = try program.admin.get("/v1/leaderboards/by-tier/subjects/ann").json
        #expect(standing["partition"] as? String == "silver", "a subject is shown in its own partition")
        let whole = try program.admin.get("/v1/leaderboards/by-tier")
        #expect(whole.status == 400)
        #expect(whole.text.contains("query.partition"))
    }

    @Test func isoWeeksAreCountedInTheProgramTimeZone() throws {
        // Asia/Kolkata is UTC+05:30 all year: a week starts on Sunday at 18:30 UTC.
        let zone = TimeZone(identifier: "Asia/Kolkata")!
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let thisMonday = calendar.dateInterval(of: .weekOfYear, for: Date())!.start
        let lastMonday = thisMonday.addingTimeInterval(-7 * 86_400)
        let program = try Program(
            boards: [("weekly", ["name": "Weekly", "subject": "member", "period": "week", "metric": ["currency": "points"]])],
            timeZone: "Asia/Kolkata")
        try program.deal("late-sunday", "bob", 500, at: lastMonday.addingTimeInterval(-600))
        try program.deal("early-monday", "ann", 100, at: lastMonday.addingTimeInterval(600))
        func name(_ date: Date) -> String {
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
        }
        let lastWeek = try program.standings("weekly", "period=\(name(lastMonday))")
        #expect(lastWeek.map(\.0) == ["ann"], "10 minutes after Monday 00:00 in Kolkata is last week")
        let weekBefore = try program.standings("weekly", "period=\(name(lastMonday.addingTimeInterval(-86_400)))")
        #expect(weekBefore.map(\.0) == ["bob"], "10 minutes before is the week before")

        let described = try program.admin.get("/v1/leaderboards/weekly?period=\(name(lastMonday))").json["period"] as? [String: Any]
        #expect(described?["from"] as? String == Self.rfc3339(lastMonday).replacingOccurrences(of: ".000", with: ".000"))
        let closed = try program.admin.get("/v1/leaderboards/weekly/periods").json["items"] as? [[String: Any]] ?? []
        let names = closed.compactMap { ($0["period"] as? [String: Any])?["name"] as? String }
        #expect(names == [name(lastMonday), name(lastMonday.addingTimeInterval(-86_400))])
        let winners = (closed.first?["partitions"] as? [[String: Any]])?.first?["winners"] as? [[String: Any]]
        #expect((winners?.first?["subject"] as? [String: Any])?["id"] as? String == "ann")
        #expect(try program.admin.get("/v1/leaderboards/weekly?period=2026-11").status == 400)
    }

    @Test func aRollingWindowSlidesAsDaysPass() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let today = utc.startOfDay(for: Date())
        let program = try Program(boards: [
            ("week", ["name": "Last 7 days", "subject": "member", "period": "rolling_7d", "metric": ["event_type": "deal.closed"]]),
        ])
        try program.deal("old", "ann", 10, at: today.addingTimeInterval(-5 * 86_400 + 3600))
        try program.deal("recent", "ann", 10, at: today.addingTimeInterval(-1 * 86_400 + 3600))
        try program.deal("too-old", "bob", 10, at: today.addingTimeInterval(-8 * 86_400 + 3600))
        let now = try program.standings("week")
        #expect(now.map(\.0) == ["ann"] && now.map(\.2) == [2], "bob's deal 8 days ago is outside the window")

        #expect(program.server.terminate() == 0)
        let twoDaysLater = try LaurelProcess(
            directory: program.server.directory, environment: ["LAUREL_TEST_CLOCK_OFFSET_MS": String(2 * 86_400_000)],
            adminKey: program.server.adminKey)
        let later = try twoDaysLater.client().get("/v1/leaderboards/week")
        #expect(later.items.compactMap { $0["score"] as? Int } == [1], "the deal of 5 days ago is now 7 days old: out")
        #expect(try twoDaysLater.client().get("/v1/leaderboards/week?period=2026-W01").status == 400, "rolling windows have no past periods")
    }

    @Test func privateProfilesAreRankedButAnonymousOutsideTheirOrganization() throws {
        let program = try Program(boards: [("all", Self.allTimePoints)])
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "name": "Ann", "public_profile": false])
        try program.deal("d-1", "ann", 300)
        try program.deal("d-2", "dan", 100)
        let globex = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "g", "organization_id": "globex"]).secret)
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "name": "a", "organization_id": "acme"]).secret)
        let seenFromGlobex = try globex.get("/v1/leaderboards/all").items
        #expect(seenFromGlobex.count == 2)
        #expect(seenFromGlobex.first?["rank"] as? Int == 1)
        #expect(seenFromGlobex.first?["subject"] as? [String: Any] as NSDictionary? == ["anonymous": true] as NSDictionary)
        #expect(!(try globex.get("/v1/leaderboards/all").text.contains("ann")), "neither id nor name leaks")
        #expect((try acme.get("/v1/leaderboards/all").items.first?["subject"] as? [String: Any])?["name"] as? String == "Ann")
        let portalView = try program.portal.get("/v1/leaderboards/all").items.first?["subject"] as? [String: Any]
        #expect(portalView?["anonymous"] as? Bool == true)
        let herOwnView = try program.portal.get("/v1/leaderboards/all?as_member=ann").items.first?["subject"] as? [String: Any]
        #expect(herOwnView?["id"] as? String == "ann", "a portal showing the board to Ann shows her by name")

        #expect(try globex.get("/v1/leaderboards/all/subjects/ann").status == 404, "another organization's member is not found")
        #expect(try globex.get("/v1/leaderboards/all/subjects/dan").json["rank"] as? Int == 2)
        #expect(try globex.put("/v1/leaderboards/mine", Self.allTimePoints).status == 403)

        // The board shows members as they are now: renamed and public, at once.
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "name": "Ann Lee", "public_profile": true])
        #expect((try globex.get("/v1/leaderboards/all").items.first?["subject"] as? [String: Any])?["name"] as? String == "Ann Lee")
        let window = try globex.get("/v1/leaderboards/all/subjects/dan?radius=1").json["above"] as? [[String: Any]]
        #expect((window?.first?["subject"] as? [String: Any])?["name"] as? String == "Ann Lee")
    }

    @Test func definitionsAreValidatedWithThePathOfEachProblem() throws {
        let program = try Program(boards: [])
        let bad = try program.admin.put("/v1/leaderboards/bad", [
            "name": "", "subject": "planet", "period": "fortnight", "partition_by": "role",
            "metric": ["currency": "points", "event_type": "deal.closed"], "filters": ["colour": ["red"]], "extra": 1,
        ])
        #expect(bad.status == 400 || bad.status == 422)
        let paths = Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        for path in ["$.name", "$.subject", "$.period", "$.metric", "$.filters.colour", "$.extra"] {
            #expect(paths.contains(path), "\(path) in \(paths)")
        }
        let wrongPartition = try program.admin.put("/v1/leaderboards/bad", [
            "name": "Teams by role", "subject": "team", "period": "month", "partition_by": "role",
            "metric": ["currency": "points", "aggregate": "average"],
        ])
        #expect(wrongPartition.text.contains("$.partition_by"), "\(wrongPartition.text)")
        let memberAverage = try program.admin.put("/v1/leaderboards/bad", [
            "name": "x", "subject": "member", "period": "month", "metric": ["currency": "points", "aggregate": "average"],
        ])
        #expect(memberAverage.text.contains("$.metric.aggregate"))
        let unknownCurrency = try program.admin.put("/v1/leaderboards/bad", [
            "name": "x", "subject": "member", "period": "month", "metric": ["currency": "gems"],
        ])
        #expect(unknownCurrency.status == 422 && unknownCurrency.text.contains("$.metric.currency"))
        #expect(try program.admin.get("/v1/leaderboards/bad").status == 404, "nothing was written")
        #expect(try program.admin.get("/v1/leaderboards/none").status == 404)

        #expect(try program.admin.put("/v1/leaderboards/ok", Self.allTimePoints).status == 201)
        let inUse = try program.admin.delete("/v1/currencies/points")
        #expect(inUse.status == 409 && inUse.text.contains("leaderboards/ok"))
        #expect(try program.admin.delete("/v1/leaderboards/ok").status == 204)
        #expect(try program.admin.get("/v1/leaderboards/ok").status == 404)
    }

    @Test func individualTargetsRankByPercentAndBoardsExportAsCSV() throws {
        let program = try Program(boards: [
            ("target", ["name": "% of target", "subject": "member", "period": "all",
                        "metric": ["event_type": "deal.closed", "sum": "amount", "target_attribute": "target"]]),
        ])
        _ = try program.admin.put("/v1/members/ann", ["organization_id": "acme", "role": "sales", "attributes": ["target": 1000]])
        _ = try program.admin.put("/v1/members/bob", ["organization_id": "acme", "role": "sales", "attributes": ["target": 200]])
        try program.deal("d-1", "ann", 500)
        try program.deal("d-2", "bob", 150)
        try program.deal("d-3", "cat", 900)
        let board = try program.standings("target")
        #expect(board.map(\.0) == ["bob", "ann"], "75 % beats 50 %; cat has no target")
        #expect(board.map(\.2) == [75, 50])

        let csv = try program.admin.request("GET", "/v1/leaderboards/target", headers: [("Accept", "text/csv")])
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "rank,score,subject_id,name,organization_id,reached_at")
        #expect(lines.dropFirst().first?.hasPrefix("1,75.0,bob,") == true, "\(lines)")
    }
}

/// A board's prizes when its period closes: given once, to the top of the board, and recorded.
@Suite("Leaderboard prizes")
struct LeaderboardPrizeTests {
    @Test func theTopOfADayGetsItsPrizesOnceWhenTheDayIsOver() throws {
        let board: [String: Any] = [
            "name": "Today", "subject": "member", "period": "day", "metric": ["currency": "points"],
            "on_close": [["top": 1, "badge": "top-performer", "award": ["currency": "points", "amount": 100]],
                         ["top": 2, "award": ["currency": "points", "amount": 10]]],
        ]
        let program = try LeaderboardTests.Program(
            boards: [("today", board)], extra: [("/v1/badges/top-performer", ["name": "Top performer", "repeatable": true])])
        try program.deal("d-1", "ann", 300)
        try program.deal("d-2", "bob", 200)
        try program.deal("d-3", "cat", 100)
        #expect((try program.admin.get("/v1/members/ann/badges").json["badges"] as? [Any])?.isEmpty == true, "not before the day is over")

        #expect(program.server.terminate() == 0)
        let tomorrow = ["LAUREL_TEST_CLOCK_OFFSET_MS": String(86_400_000)]
        var server = try LaurelProcess(directory: program.server.directory, environment: tomorrow, adminKey: program.server.adminKey)
        func badges(_ member: String) throws -> [[String: Any]] {
            try server.client().get("/v1/members/\(member)/badges").json["badges"] as? [[String: Any]] ?? []
        }
        func points(_ member: String) throws -> Int? {
            let balances = try server.client().get("/v1/members/\(member)/balances").json["balances"] as? [String: Any]
            return (balances?["points"] as? [String: Any])?["available"] as? Int
        }
        let deadline = Date().addingTimeInterval(10)
        while try badges("ann").isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try badges("ann").compactMap { $0["badge_id"] as? String } == ["top-performer"])
        #expect(try badges("ann").first?["by"] as? String == "leaderboard:today")
        #expect(try points("ann") == 300 + 100 + 10 && points("bob") == 200 + 10 && points("cat") == 100)
        #expect(try badges("bob").isEmpty)
        let periods = try server.client().get("/v1/leaderboards/today/periods").json["items"] as? [[String: Any]] ?? []
        #expect(periods.first?["prizes_given_at"] is String)
        let winners = try server.client().get("/v1/feed").items.filter { $0["kind"] as? String == "period_winner" }
        #expect(winners.compactMap { ($0["member"] as? [String: Any])?["id"] as? String }.sorted() == ["ann", "bob"])

        // Restarted on the same day after: nothing is given twice.
        #expect(server.terminate() == 0)
        server = try LaurelProcess(directory: program.server.directory, environment: tomorrow, adminKey: program.server.adminKey)
        Thread.sleep(forTimeInterval: 1)
        #expect(try badges("ann").count == 1)
        #expect(try points("ann") == 410 && points("bob") == 210)
        let audit = try server.client().get("/v1/audit?action=leaderboard.close")
        #expect(audit.status == 200 && audit.items.count == 1, "\(audit.text)")
    }

    @Test func prizesAreValidatedAndKeepTheirBadgeInUse() throws {
        let program = try LeaderboardTests.Program(boards: [], extra: [("/v1/badges/top", ["name": "Top"])])
        let rolling = try program.admin.put("/v1/leaderboards/x", [
            "name": "x", "subject": "member", "period": "rolling_7d", "metric": ["currency": "points"],
            "on_close": [["top": 0], ["badge": "nope", "top": 1], ["top": 2, "award": ["currency": "points"]]],
        ])
        let paths = Set((rolling.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["$.on_close", "$.on_close[0].top", "$.on_close[2].award.amount"]), "\(paths)")
        let missingBadge = try program.admin.put("/v1/leaderboards/x", [
            "name": "x", "subject": "member", "period": "week", "metric": ["currency": "points"], "on_close": [["top": 1, "badge": "nope"]],
        ])
        #expect(missingBadge.status == 422 && missingBadge.text.contains("$.on_close[0].badge"))
        #expect(try program.admin.put("/v1/leaderboards/x", [
            "name": "x", "subject": "member", "period": "week", "metric": ["currency": "points"], "on_close": [["top": 1, "badge": "top"]],
        ]).status == 201)
        let inUse = try program.admin.delete("/v1/badges/top")
        #expect(inUse.status == 409 && inUse.text.contains("leaderboards/x"))
    }
}

/// A fold larger than a read may do is left to the refresher, and reads answer 503 meanwhile.
@Suite("Leaderboard folds left to the refresher")
struct LeaderboardBusyTests {
    @Test func aReadThatWouldFoldTooMuchAnswers503UntilTheBoardsAreRanked() throws {
        // The refresher runs at start, then not for an hour; reads may fold nothing themselves.
        let running = try ProgramServer(
            configuration: LeaderboardTests.configuration + [("/v1/leaderboards/all", LeaderboardTests.allTimePoints)],
            organizations: ["acme"], members: ["ann": "acme"],
            config: ["leaderboards": ["refresh_ms": 3_600_000, "read_fold_rows_max": 0]])
        let busy = try running.admin.get("/v1/leaderboards/all")
        #expect(busy.status == 503, "\(busy.text)")
        #expect(busy.header("Retry-After") == "2")
        let rebuilt = try running.admin.post("/v1/leaderboards/rebuild", [:] as [String: Any])
        #expect(rebuilt.status == 200 && rebuilt.json["boards"] as? Int == 1, "\(rebuilt.text)")
        #expect(try running.admin.get("/v1/leaderboards/all").status == 200, "nothing left to fold")
        let event = try running.portal.post("/v1/events", ["id": "e-1", "type": "deal.closed", "member_id": "ann", "properties": ["amount": 5]])
        #expect(event.status == 201)
        #expect(try running.admin.get("/v1/leaderboards/all").status == 503, "one posting is more than a read may fold here")
        _ = try running.admin.post("/v1/leaderboards/rebuild", [:] as [String: Any])
        #expect(try running.admin.get("/v1/leaderboards/all").items.first?["score"] as? Int == 5)
    }
}
