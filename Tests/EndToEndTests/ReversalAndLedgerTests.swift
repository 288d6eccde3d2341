import Foundation
import Testing

/// Reversing events, admin adjustments and ledger listings through the real server.
@Suite("Reversal and ledger")
struct ReversalAndLedgerTests {
    struct Program: ProgramFixture {
        let running: ProgramServer

        init() throws {
            let setup: [(String, [String: Any])] = IssueProgram.currencies + [
                ("/v1/rules/deal", ["name": "Deal", "on": "deal.closed",
                                    "then": [["award": ["currency": "points", "amount": "event.amount", "to": "member"]],
                                             ["award": ["currency": "status_credits", "amount": 50, "to": "organization"]]]]),
                ("/v1/rules/daily", ["name": "Daily login", "on": "login",
                                     "then": [["award": ["currency": "points", "amount": 5]]],
                                     "limits": [["per": "member", "period": "day", "max_count": 1]]]),
            ]
            running = try ProgramServer(
                configuration: setup, organizations: ["acme", "globex"], members: ["ann": "acme", "bob": "acme", "gus": "globex"])
        }

        @discardableResult
        func deal(_ id: String, member: String, amount: Int) throws -> WireResponse {
            let response = try portal.post("/v1/events", ["id": id, "type": "deal.closed", "member_id": member, "properties": ["amount": amount]])
            guard response.status == 201 else { throw RawHTTPError(description: "event \(id): \(response.status) \(response.text)") }
            return response
        }

        func balance(_ path: String, _ currency: String = "points") throws -> [String: Int] {
            let response = try admin.get(path)
            return ((response.json["balances"] as? [String: Any])?[currency] as? [String: Int]) ?? [:]
        }

        func adjust(_ body: [String: Any], key: String? = nil, as client: APIClient? = nil) throws -> WireResponse {
            try (client ?? admin).post("/v1/adjustments", body, headers: key.map { [("Idempotency-Key", $0)] } ?? [])
        }

        /// Every entry of a holder's listing, following cursors.
        func ledger(_ path: String, currency: String? = nil, limit: Int = 500) throws -> [[String: Any]] {
            var entries: [[String: Any]] = []
            var cursor: String?
            repeat {
                var query = "limit=\(limit)"
                if let currency { query += "&currency=\(currency)" }
                if let cursor { query += "&cursor=\(cursor)" }
                let page = try admin.get("\(path)?\(query)")
                guard page.status == 200 else { throw RawHTTPError(description: "\(path): \(page.status) \(page.text)") }
                entries += page.items
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            return entries
        }

        func ledgerSum(_ path: String, currency: String = "points") throws -> Int {
            try ledger(path, currency: currency).reduce(0) { $0 + ($1["amount"] as? Int ?? 0) }
        }
    }

    @Test func reversingAnEventTakesBackItsAwardsAndTheLedgerShowsIt() throws {
        let program = try Program()
        try program.deal("deal-1", member: "ann", amount: 300)
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 300)
        #expect(try program.balance("/v1/organizations/acme/balances", "status_credits")["available"] == 50)

        let reversed = try program.portal.post("/v1/events/deal-1/reverse", [String: Any]())
        #expect(reversed.status == 200, "\(reversed.text)")
        let event = reversed.json["event"] as? [String: Any] ?? [:]
        #expect(event["id"] as? String == "deal-1" && event["reversed_at"] as? String != nil)
        let postings = reversed.json["reversal_postings"] as? [[String: Any]] ?? []
        #expect(postings.map { "\($0["kind"] ?? "") \($0["from"] ?? "") \($0["to"] ?? "") \($0["currency"] ?? "") \($0["amount"] ?? "")" }.sorted() == [
            "reverse member:ann program:issued points 300", "reverse organization:acme program:issued status_credits 50",
        ])
        #expect(postings.allSatisfy { $0["reversal_of"] as? Int != nil && $0["event_id"] as? String == "deal-1" })
        let balances = reversed.json["balances"] as? [String: [String: [String: Int]]] ?? [:]
        #expect(balances["member:ann"]?["points"]?["available"] == 0)
        #expect(balances["organization:acme"]?["status_credits"]?["available"] == 0)
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 0)
        #expect(try program.balance("/v1/organizations/acme/balances", "status_credits")["available"] == 0)

        let ledger = try program.ledger("/v1/members/ann/ledger")
        #expect(ledger.map { "\($0["kind"] ?? "") \($0["amount"] ?? "") \($0["counterparty"] ?? "")" } == [
            "reverse -300 program:issued", "earn 300 program:issued",
        ])
        #expect(ledger[0]["reversal_of"] as? Int == ledger[1]["id"] as? Int)
        #expect(ledger[1]["rule_id"] as? String == "deal" && ledger[1]["rule_version"] as? Int == 1)

        // The event shows the reversal; the audit log has it with before and after.
        let stored = try program.admin.get("/v1/events/deal-1")
        #expect((stored.json["event"] as? [String: Any])?["reversed_at"] as? String == event["reversed_at"] as? String)
        #expect(((stored.json["reversal"] as? [String: Any])?["postings"] as? [Any])?.count == 2)
        let audit = try program.admin.get("/v1/audit?action=event.reverse").items
        #expect(audit.count == 1)
        #expect((audit.first?["before"] as? [String: Any])?["reversed_at"] is NSNull)
        #expect((audit.first?["after"] as? [String: Any])?["reversed_at"] as? String != nil)
    }

    @Test func reversingTwiceIsHarmlessAndAnswersTheSame() throws {
        let program = try Program()
        try program.deal("deal-1", member: "ann", amount: 100)
        try program.deal("deal-2", member: "ann", amount: 40)
        let first = try program.portal.post("/v1/events/deal-1/reverse", [String: Any]())
        let second = try program.admin.post("/v1/events/deal-1/reverse", [String: Any]())
        #expect(first.status == 200 && second.status == 200)
        #expect(first.text == second.text)
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 40)
        #expect(try program.ledger("/v1/members/ann/ledger").count == 3)
        #expect(try program.admin.get("/v1/audit?action=event.reverse").items.count == 1)
    }

    @Test func reversingAfterTheMemberSpentLeavesDebtThatTheNextEarningPays() throws {
        let program = try Program()
        try program.deal("deal-1", member: "ann", amount: 100)
        let spend = try program.adjust(["member_id": "ann", "currency": "points", "amount": -60, "reason": "spent on a mug"])
        #expect(spend.status == 201, "\(spend.text)")
        let reversed = try program.portal.post("/v1/events/deal-1/reverse", [String: Any]())
        #expect(reversed.status == 200)
        let balance = try program.balance("/v1/members/ann/balances")
        #expect(balance["available"] == 0 && balance["debt"] == 60)
        // The shortfall is booked from the member's clawback account, never as a negative balance.
        let postings = reversed.json["reversal_postings"] as? [[String: Any]] ?? []
        #expect(postings.contains { $0["from"] as? String == "clawback:member:ann" && $0["amount"] as? Int == 60 })
        #expect(postings.contains { $0["from"] as? String == "member:ann" && $0["amount"] as? Int == 40 })
        #expect(try program.ledgerSum("/v1/members/ann/ledger") == 0)

        try program.deal("deal-2", member: "ann", amount: 100)
        let after = try program.balance("/v1/members/ann/balances")
        #expect(after["available"] == 40 && after["debt"] == 0)
        #expect(try program.ledgerSum("/v1/members/ann/ledger") == 40)
        #expect(try program.ledger("/v1/members/ann/ledger").first?["kind"] as? String == "recover")
    }

    @Test func aReversedEventNoLongerCountsForARuleLimit() throws {
        let program = try Program()
        let first = try program.portal.post("/v1/events", ["id": "login-1", "type": "login", "member_id": "ann"])
        #expect((first.json["postings"] as? [Any])?.count == 1)
        let capped = try program.portal.post("/v1/events", ["id": "login-2", "type": "login", "member_id": "ann"])
        #expect((capped.json["postings"] as? [Any])?.isEmpty == true)
        #expect(try program.portal.post("/v1/events/login-1/reverse", [String: Any]()).status == 200)
        let again = try program.portal.post("/v1/events", ["id": "login-3", "type": "login", "member_id": "ann"])
        #expect((again.json["postings"] as? [Any])?.count == 1, "\(again.text)")
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 5)
    }

    @Test func adjustmentsCreditAndDebitAndAKeyReplaysTheSameAnswer() throws {
        let program = try Program()
        let credit = try program.adjust(["member_id": "ann", "currency": "points", "amount": 250, "reason": "welcome"], key: "adj-1")
        #expect(credit.status == 201, "\(credit.text)")
        let posting = credit.json["posting"] as? [String: Any] ?? [:]
        #expect(posting["kind"] as? String == "adjust" && posting["amount"] as? Int == 250 && posting["reason"] as? String == "welcome")
        #expect((credit.json["balance"] as? [String: Any])?["available"] as? Int == 250)
        let replay = try program.adjust(["member_id": "ann", "currency": "points", "amount": 250, "reason": "welcome"], key: "adj-1")
        #expect(replay.status == 201 && replay.header("Idempotent-Replayed") == "true" && replay.text == credit.text)
        let other = try program.adjust(["member_id": "ann", "currency": "points", "amount": 1, "reason": "welcome"], key: "adj-1")
        #expect(other.status == 422)
        let debit = try program.adjust(["organization_id": "acme", "currency": "points", "amount": 30, "reason": "kickoff"])
        #expect(debit.status == 201)
        let taken = try program.adjust(["organization_id": "acme", "currency": "points", "amount": -30, "reason": "kickoff undone"])
        #expect(taken.status == 201 && (taken.json["posting"] as? [String: Any])?["amount"] as? Int == -30)
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 250)
        #expect(try program.balance("/v1/organizations/acme/balances")["available"] == 0)
        #expect(try program.admin.get("/v1/audit?action=ledger.adjust").items.count == 3)
    }

    @Test func overdrawingIs409WithTheAvailableAmountAndChangesNothing() throws {
        let program = try Program()
        try program.deal("deal-1", member: "ann", amount: 100)
        let ledgerBefore = try program.ledger("/v1/members/ann/ledger")
        let overdraw = try program.adjust(["member_id": "ann", "currency": "points", "amount": -101, "reason": "too much"])
        #expect(overdraw.status == 409)
        #expect((overdraw.json["detail"] as? String)?.contains("100 available") == true, "\(overdraw.text)")
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 100)
        #expect(try program.ledger("/v1/members/ann/ledger").count == ledgerBefore.count)
        #expect(try program.admin.get("/v1/audit?action=ledger.adjust").items.isEmpty)
    }

    @Test func adjustmentsNeedAnAdminAndKnownHoldersAndCurrencies() throws {
        let program = try Program()
        let unknown = try program.adjust(["member_id": "nobody", "currency": "gems", "amount": 5, "reason": "r"])
        #expect(unknown.status == 422)
        let paths = (unknown.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(Set(paths) == ["$.member_id", "$.currency"])
        #expect(try program.adjust(["organization_id": "nowhere", "currency": "points", "amount": 5, "reason": "r"]).status == 422)
        #expect(try program.adjust(["member_id": "ann", "currency": "points", "amount": 0, "reason": "r"]).status == 400)
        #expect(try program.adjust(["member_id": "ann", "currency": "points", "amount": 5, "reason": "r"], as: program.portal).status == 403)
    }

    @Test func ledgerPagesAreStableAndCSVCarriesTheSameEntries() throws {
        let program = try Program()
        for index in 1...5 {
            _ = try program.adjust(["member_id": "bob", "currency": "points", "amount": index * 10, "reason": "batch, \"quoted\" \(index)"])
        }
        let all = try program.ledger("/v1/members/bob/ledger", currency: "points")
        #expect(all.compactMap { $0["amount"] as? Int } == [50, 40, 30, 20, 10])
        #expect(try program.ledger("/v1/members/bob/ledger", currency: "points", limit: 2).map { $0["id"] as? Int } == all.map { $0["id"] as? Int })
        #expect(try program.ledger("/v1/members/bob/ledger", currency: "status_credits").isEmpty)

        var csvRows: [String] = []
        var next: String? = "/v1/members/bob/ledger?currency=points&limit=2"
        var pages = 0
        while let path = next {
            let page = try program.admin.request("GET", path, headers: [("Accept", "text/csv")])
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/csv; charset=utf-8")
            let lines = page.text.components(separatedBy: "\r\n")
            #expect(lines.first == "id,at,currency,kind,amount,counterparty,event_id,rule_id,rule_version,reason,reversal_of,base_amount,multiplier,amount_before_boosts,boost_bonus,boosts")
            #expect(lines.last == "")
            csvRows += lines.dropFirst().dropLast()
            next = page.header("Link").flatMap { link in
                link.firstMatch(of: /^<([^>]+)>; rel="next"$/).map { String($0.output.1) }
            }
            pages += 1
        }
        #expect(pages == 3)
        #expect(csvRows.count == 5)
        #expect(csvRows.first?.hasSuffix(",points,adjust,50,program:issued,,,,\"batch, \"\"quoted\"\" 5\",,,,,,") == true, "\(csvRows)")
    }

    @Test func partnersSeeOnlyTheirOwnLedgersAndEventsViewersCannotReverse() throws {
        let program = try Program()
        try program.deal("deal-acme", member: "ann", amount: 10)
        try program.deal("deal-globex", member: "gus", amount: 10)
        let acme = program.server.client(key: try program.admin.createKey(["role": "partner", "organization_id": "acme"]).secret)
        let viewer = program.server.client(key: try program.admin.createKey(["role": "viewer", "name": "v"]).secret)
        #expect(try acme.get("/v1/members/ann/ledger").status == 200)
        #expect(try acme.get("/v1/organizations/acme/ledger").status == 200)
        #expect(try acme.get("/v1/members/gus/ledger").status == 404)
        #expect(try acme.get("/v1/organizations/globex/ledger").status == 404)
        #expect(try acme.request("GET", "/v1/members/gus/ledger", headers: [("Accept", "text/csv")]).status == 404)
        #expect(try acme.post("/v1/events/deal-globex/reverse", [String: Any]()).status == 404)
        #expect(try viewer.post("/v1/events/deal-acme/reverse", [String: Any]()).status == 403)
        #expect(try program.admin.post("/v1/events/nothing/reverse", [String: Any]()).status == 404)
        #expect(try program.balance("/v1/members/gus/balances")["available"] == 10)
        let own = try acme.post("/v1/events/deal-acme/reverse", [String: Any]())
        #expect(own.status == 200)
        #expect(try program.balance("/v1/members/ann/balances")["available"] == 0)
    }

    /// Double entry over the API: whatever happened, each holder's listing sums to its balance
    /// (available + pending + lapsed), and everything the program issued and did not take back is
    /// held by someone, less what is owed.
    @Test func everyListingSumsToItsBalanceAfterAMixOfOperations() throws {
        let program = try Program()
        try program.deal("d1", member: "ann", amount: 120)
        try program.deal("d2", member: "bob", amount: 80)
        try program.deal("d3", member: "ann", amount: 30)
        _ = try program.adjust(["member_id": "bob", "currency": "points", "amount": -50, "reason": "spent"])
        _ = try program.adjust(["organization_id": "acme", "currency": "points", "amount": 15, "reason": "bonus"])
        _ = try program.portal.post("/v1/events/d2/reverse", [String: Any]())
        _ = try program.portal.post("/v1/events/d1/reverse", [String: Any]())
        try program.deal("d4", member: "bob", amount: 20)
        var held = 0
        var owed = 0
        for path in ["/v1/members/ann", "/v1/members/bob", "/v1/members/gus", "/v1/organizations/acme", "/v1/organizations/globex"] {
            for currency in ["points", "status_credits"] {
                let balance = try program.balance(path + "/balances", currency)
                let total = (balance["available"] ?? 0) + (balance["pending"] ?? 0) + (balance["lapsed"] ?? 0)
                #expect(try program.ledgerSum(path + "/ledger", currency: currency) == total, "\(path) \(currency)")
                if currency == "points" {
                    held += total
                    owed += balance["debt"] ?? 0
                }
            }
        }
        // Issued 120 + 80 + 30 + 15 + 20; taken back: the 50 spent, then 120 and (80 − 50 + 50 owed).
        #expect(try program.balance("/v1/members/bob/balances")["debt"] == 30)
        #expect(held == 30 + 15 && owed == 30)
    }
}
