import Foundation
import Testing

/// `program.time_zone`: a named zone from the tz database, refused at startup when unknown or when
/// set together with `utc_offset_minutes`, and the zone in which a per-day rule limit resets.
@Suite("Named program time zone")
struct NamedTimeZoneTests {
    private static func serve(config: String, environment: [String: String] = [:]) throws -> LaurelRun {
        let directory = try TemporaryDirectory()
        let path = directory.path("laurel.json")
        try Data(config.utf8).write(to: URL(fileURLWithPath: path))
        return try LaurelRun.run(
            ["serve", "--port", "0", "--config", path, "--db", directory.path("a.db")], environment: environment, in: directory,
            timeoutSeconds: 10)
    }

    @Test func anUnknownZoneNameStopsTheServerAtStartupWithAClearMessage() throws {
        let refused = try Self.serve(config: #"{"program": {"time_zone": "Europe/Berln"}}"#)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("$.program.time_zone"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\"Europe/Berln\" is not a time zone of the tz database"), "\(refused.stderr)")
        let abbreviation = try Self.serve(config: #"{"program": {"time_zone": "GMT+2"}}"#)
        #expect(abbreviation.status != 0)
        let viaEnvironment = try Self.serve(config: "{}", environment: ["LAUREL_PROGRAM_TIME_ZONE": "Mars/Olympus_Mons"])
        #expect(viaEnvironment.status != 0)
        #expect(viaEnvironment.stderr.contains("Mars/Olympus_Mons"), "\(viaEnvironment.stderr)")
    }

    @Test func aZoneNameAndAFixedOffsetTogetherAreRefused() throws {
        let refused = try Self.serve(config: #"{"program": {"time_zone": "Europe/Berlin", "utc_offset_minutes": 60}}"#)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("$.program.utc_offset_minutes: set either time_zone or utc_offset_minutes, not both"), "\(refused.stderr)")
    }

    @Test func aKnownZoneStartsFromTheFileTheEnvironmentOrAFlag() throws {
        let fromFile = try LaurelProcess(config: ["program": ["time_zone": "Europe/Berlin"]])
        #expect(try fromFile.client().get("/v1/currencies").status == 200)
        let fromEnvironment = try LaurelProcess(environment: ["LAUREL_PROGRAM_TIME_ZONE": "America/New_York"])
        #expect(try fromEnvironment.client().get("/v1/currencies").status == 200)
        let fromFlag = try LaurelProcess(arguments: ["--program-time-zone", "Asia/Kolkata"])
        #expect(try fromFlag.client().get("/v1/currencies").status == 200)
    }

    /// One fire a day per member, in a New York program. Around the UTC midnight of a recent day
    /// and around New York's following midnight (04:00 or 05:00 UTC), in time order:
    /// UTC midnight − 30 min fires (first of its New York day), UTC midnight + 30 min does not
    /// (same New York evening, though a new UTC day), New York midnight − 30 min does not (still
    /// that evening), New York midnight + 30 min fires (a new New York day, the same UTC day), and
    /// + 60 min does not.
    @Test func aPerDayRuleLimitResetsAtNewYorkMidnightNotUTCMidnight() throws {
        let server = try LaurelProcess(config: ["program": ["time_zone": "America/New_York"]])
        let admin = server.client()
        #expect(try admin.put("/v1/currencies/points", ["name": "Points"]).status == 201)
        let rule = try admin.put("/v1/rules/daily-call", [
            "name": "One call a day", "on": "call.logged", "then": [["award": ["currency": "points", "amount": 5]]],
            "limits": [["per": "member", "period": "day", "max_count": 1]],
        ] as [String: Any])
        #expect(rule.status == 201, "\(rule.text)")
        #expect(try admin.organization("acme").status == 201)
        #expect(try admin.member("ann", organization: "acme").status == 201)

        var newYork = Calendar(identifier: .gregorian)
        newYork.timeZone = try #require(TimeZone(identifier: "America/New_York"))
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        // Three days back: well inside the back-dating window, never in the future.
        let utcMidnight = utc.startOfDay(for: Date().addingTimeInterval(-3 * 86_400))
        let newYorkMidnight = newYork.startOfDay(for: utcMidnight.addingTimeInterval(12 * 3_600))
        let hourUTC = utc.component(.hour, from: newYorkMidnight)
        #expect(hourUTC == 4 || hourUTC == 5, "New York midnight is 04:00 or 05:00 UTC")
        #expect(utc.isDate(newYorkMidnight, inSameDayAs: utcMidnight))

        let formatter = ISO8601DateFormatter()
        func fired(_ id: String, _ at: Date) throws -> Bool {
            let response = try admin.post("/v1/events", ["id": id, "type": "call.logged", "member_id": "ann", "occurred_at": formatter.string(from: at)])
            #expect(response.status == 201, "\(response.text)")
            let applied = (response.json["rules"] as? [[String: Any]])?.first?["applied"] as? Bool
            let postings = response.json["postings"] as? [[String: Any]] ?? []
            #expect(applied == !postings.isEmpty, "\(response.text)")
            return applied == true
        }
        #expect(try fired("before-utc-midnight", utcMidnight.addingTimeInterval(-30 * 60)))
        #expect(try !fired("after-utc-midnight", utcMidnight.addingTimeInterval(30 * 60)))
        #expect(try !fired("before-ny-midnight", newYorkMidnight.addingTimeInterval(-30 * 60)))
        #expect(try fired("after-ny-midnight", newYorkMidnight.addingTimeInterval(30 * 60)))
        #expect(try !fired("later-ny-morning", newYorkMidnight.addingTimeInterval(60 * 60)))

        let balances = try admin.get("/v1/members/ann/balances").json["balances"] as? [String: Any]
        #expect((balances?["points"] as? [String: Any])?["available"] as? Int == 10, "two fires of 5 points")
    }
}
