#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing

/// The issue's crash test for events: a program with rules (an expression award to the member and
/// an award to the organization), many concurrent clients posting unique events, kill -9 mid-flight.
/// Every acknowledged event must be there after a restart with its postings exactly once, and the
/// ledger must still balance to the last unit.
@Suite("Event crash safety")
struct EventCrashTests {
    static let organizations = (0..<10).map { "org-\($0)" }
    static let members = (0..<200).map { "m-\($0)" }
    static func organization(ofMember index: Int) -> String { organizations[index % organizations.count] }

    /// Sets up the program over the admin key; an integration key for the writers.
    static func setUp(_ server: LaurelProcess) throws -> APIClient {
        let admin = server.client()
        try admin.configure(IssueProgram.configuration)
        try admin.createOrganizations(organizations)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { slice in
            for index in stride(from: slice, to: members.count, by: 8) {
                let status = (try? admin.member(members[index], organization: organization(ofMember: index)).status) ?? 0
                if status != 201 { failures.withLock { $0.append("\(members[index]): \(status)") } }
            }
        }
        let failed = failures.withLock { $0 }
        guard failed.isEmpty else { throw RawHTTPError(description: "members: \(failed.prefix(5))") }
        return server.client(key: try admin.createKey(["role": "integration", "name": "portal"]).secret)
    }

    @Test func everyAcknowledgedEventAndItsPostingsSurviveKill9Exactly() throws {
        let server = try LaurelProcess()
        let portal = try Self.setUp(server)
        let writers = EventWriters(port: server.port, key: portal.key ?? "", threads: 32, eventsPerThread: 400, seconds: 10)
        #expect(writers.waitForAcknowledged(1_500), "events are flowing")
        server.kill9()
        #expect(!server.isRunning)
        #expect(writers.join())
        let acknowledged = writers.acknowledged
        #expect(acknowledged.count >= 1_500)
        #expect(acknowledged.count < 32 * 400, "killed mid-flight, not after the last event")
        #expect(writers.refusals.isEmpty, "no event was refused: \(writers.refusals.prefix(5))")

        let restarted = try LaurelProcess(directory: server.directory, adminKey: server.adminKey)
        let api = restarted.client()

        // Every acknowledged event is found, with its stored outcome.
        var outcomes: [String: [[String: Any]]] = [:]  // event id → its postings
        var missing: [String] = []
        for id in acknowledged {
            let response = try api.get("/v1/events/\(id)")
            guard response.status == 200 else { missing.append("\(id): \(response.status)"); continue }
            outcomes[id] = response.json["postings"] as? [[String: Any]] ?? []
        }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
        #expect(outcomes.values.contains { !$0.isEmpty }, "events earned something")
        #expect(outcomes.values.contains { $0.contains { ($0["to"] as? String)?.hasPrefix("organization:") == true } },
                "some events credited an organization")

        // Every holder's listing: posting ids never repeat, and each event's postings for that
        // holder are exactly those its outcome lists.
        var listed: [String: [String: [Int]]] = [:]  // event id → holder account → posting ids
        var repeatedIDs: [String] = []
        let holders = Self.members.map { ("member:\($0)", "/v1/members/\($0)/ledger") }
            + Self.organizations.map { ("organization:\($0)", "/v1/organizations/\($0)/ledger") }
        for (account, path) in holders {
            var seen = Set<Int>()
            for entry in try Self.ledger(api, path) {
                guard let postingID = entry["id"] as? Int else { continue }
                if !seen.insert(postingID).inserted { repeatedIDs.append("\(account) #\(postingID)") }
                if let eventID = entry["event_id"] as? String { listed[eventID, default: [:]][account, default: []].append(postingID) }
            }
        }
        #expect(repeatedIDs.isEmpty, "postings listed twice: \(repeatedIDs.prefix(10))")

        // Events in the ledger that were never acknowledged (committed, then killed before the
        // answer left) must also be stored with an outcome that lists exactly their postings.
        for id in listed.keys where outcomes[id] == nil {
            let response = try api.get("/v1/events/\(id)")
            #expect(response.status == 200, "postings of an unknown event \(id)")
            outcomes[id] = response.json["postings"] as? [[String: Any]] ?? []
        }
        var mismatches: [String] = []
        for (id, postings) in outcomes {
            var expected: [String: [Int]] = [:]
            for posting in postings {
                guard let to = posting["to"] as? String, let postingID = posting["id"] as? Int else { continue }
                expected[to, default: []].append(postingID)
            }
            let actual = (listed[id] ?? [:]).mapValues { $0.sorted() }
            if expected.mapValues({ $0.sorted() }) != actual { mismatches.append("\(id): outcome \(expected) listed \(actual)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) events whose listed postings differ from their outcome: \(mismatches.prefix(5))")
        #expect(restarted.terminate() == 0)

        // The stopped database, from outside.
        let db = server.databasePath
        if let integrity = try SQLiteShell.query(db, "PRAGMA integrity_check") { #expect(integrity == "ok") }
        if let foreignKeys = try SQLiteShell.query(db, "PRAGMA foreign_key_check") { #expect(foreignKeys.isEmpty) }
        if let sums = try SQLiteShell.query(db, "SELECT currency || '=' || sum(balance) FROM ledger_balances GROUP BY currency ORDER BY currency") {
            #expect(sums == "points=0\nstatus_credits=0", "every currency sums to zero over all accounts")
        }
        let postingSums = """
            WITH sides AS (SELECT credit AS account, currency, amount FROM ledger_postings
                           UNION ALL SELECT debit, currency, -amount FROM ledger_postings),
                 sums AS (SELECT account, currency, sum(amount) AS total FROM sides GROUP BY account, currency)
            """
        if let drift = try SQLiteShell.query(db, """
            \(postingSums)
            SELECT b.account || ' ' || b.currency || ' ' || b.balance || ' vs ' || coalesce(s.total, 0)
              FROM ledger_balances b LEFT JOIN sums s USING (account, currency) WHERE b.balance <> coalesce(s.total, 0)
            UNION ALL
            SELECT s.account || ' ' || s.currency || ' missing vs ' || s.total
              FROM sums s LEFT JOIN ledger_balances b USING (account, currency) WHERE b.account IS NULL AND s.total <> 0
            """) {
            #expect(drift.isEmpty, "materialised balances that differ from their postings: \(drift.prefix(500))")
        }
        // Nothing was spent, expired or reversed here: each holder's open lots add up to its balance.
        if let lotDrift = try SQLiteShell.query(db, """
            SELECT b.account || ' ' || b.currency || ' ' || b.balance || ' vs lots ' || coalesce(sum(l.remaining), 0)
              FROM ledger_balances b LEFT JOIN ledger_lots l ON l.holder = b.account AND l.currency = b.currency
             WHERE b.account NOT GLOB 'program:*'
             GROUP BY b.account, b.currency HAVING b.balance <> coalesce(sum(l.remaining), 0)
            """) {
            #expect(lotDrift.isEmpty, "holders whose lots differ from their balance: \(lotDrift.prefix(500))")
        }
        if let unprocessed = try SQLiteShell.query(db, "SELECT count(*) FROM events WHERE outcome_seq IS NULL") {
            #expect(unprocessed == "0", "every stored event was processed in the same transaction")
        }
        if let wrongCounts = try SQLiteShell.query(db, """
            SELECT e.id FROM events e LEFT JOIN event_outcomes o ON o.seq = e.outcome_seq
              LEFT JOIN ledger_postings p ON p.event_id = e.id
             GROUP BY e.id HAVING count(p.id) <> coalesce(json_array_length(o.outcome, '$.postings'), -1) LIMIT 10
            """) {
            #expect(wrongCounts.isEmpty, "events whose stored postings differ in number from their outcome: \(wrongCounts)")
        }
        if let stored = try SQLiteShell.query(db, "SELECT count(*) FROM events") {
            #expect(Int(stored).map { $0 >= acknowledged.count } == true, "\(stored) events stored")
        }
    }

    /// Every entry of a holder's listing, following cursors.
    static func ledger(_ api: APIClient, _ path: String) throws -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = try api.get("\(path)?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
            guard page.status == 200 else { throw RawHTTPError(description: "\(path): \(page.status) \(page.text)") }
            entries += page.items
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        return entries
    }
}

/// Threads that each keep one connection open and POST unique events on it as fast as the server
/// answers, remembering every id acknowledged with a 2xx. A thread stops at its quota, at its
/// deadline, or when it can no longer connect (the server was killed).
final class EventWriters: Sendable {
    private let acknowledgedIDs = Mutex<[String]>([])
    private let refused = Mutex<[String]>([])
    private let group = DispatchGroup()

    init(port: Int, key: String, threads: Int, eventsPerThread: Int, seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        for thread in 0..<threads {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                var connection = try? RawConnection(port: port)
                for index in 0..<eventsPerThread where Date() < deadline {
                    guard let open = connection else { return }
                    let id = "ev-\(thread)-\(index)"
                    let body = Self.event(id: id, thread: thread, index: index)
                    let bytes = RawHTTP.requestBytes("POST", "/v1/events", headers: [
                        ("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"),
                    ], body: Array(try! JSONSerialization.data(withJSONObject: body)))
                    guard open.send(bytes), let response = try? open.readResponse() else {
                        connection = try? RawConnection(port: port)  // the server closed it, or is gone
                        continue
                    }
                    if (200..<300).contains(response.status) {
                        acknowledgedIDs.withLock { $0.append(id) }
                    } else {
                        refused.withLock { $0.append("\(id): \(response.status) \(response.text.prefix(200))") }
                    }
                    if response.header("Connection")?.lowercased() == "close" { connection = try? RawConnection(port: port) }
                }
            }
        }
    }

    /// A video, a quiz, a lead, or a deal (some below the 1 000 threshold, which earn nothing).
    static func event(id: String, thread: Int, index: Int) -> [String: Any] {
        let member = "m-\((thread * 37 + index * 13) % EventCrashTests.members.count)"
        switch (thread + index) % 4 {
        case 0: return ["id": id, "type": "video.watched", "member_id": member]
        case 1: return ["id": id, "type": "quiz.passed", "member_id": member, "properties": ["score": index % 10]]
        case 2: return ["id": id, "type": "lead.registered", "member_id": member]
        default: return ["id": id, "type": "deal.closed", "member_id": member, "properties": ["amount": 500 + (index * 977 + thread * 131) % 9_000]]
        }
    }

    var acknowledged: [String] { acknowledgedIDs.withLock { $0 } }
    var refusals: [String] { refused.withLock { $0 } }

    /// Waits (bounded) until at least `count` events were acknowledged.
    func waitForAcknowledged(_ count: Int, timeoutSeconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while acknowledged.count < count && Date() < deadline { usleep(2_000) }
        return acknowledged.count >= count
    }

    /// Waits for every thread to finish; false if they did not within the timeout.
    func join(timeoutSeconds: Double = 30) -> Bool {
        group.wait(timeout: .now() + timeoutSeconds) == .success
    }
}
