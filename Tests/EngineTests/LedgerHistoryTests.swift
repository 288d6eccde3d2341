import Testing
import Engine
import TestSupport

private typealias F = LedgerFixture

struct LedgerHistoryTests {
    @Test func pagesGoNewestFirstAndTheirCursorsCoverEveryPostingOnce() throws {
        let (ledger, store) = F.make()
        for day in 0..<5 { try ledger.earn(10 + Int64(day), "cash", to: F.m1, at: F.days(Int64(day))) }
        try ledger.earn(7, "cash", to: F.m2, at: F.start)
        try ledger.spend(12, "cash", from: F.m1, at: F.days(6))
        var ids: [Int64] = []
        var after: String?
        repeat {
            let page = try LedgerHistory.page(of: F.m1, currency: nil, page: PageRequest(limit: 2, after: after), in: store)
            ids += page.items.map(\.id)
            after = page.nextAfter
        } while after != nil
        #expect(ids == [7, 5, 4, 3, 2, 1])
        #expect(try LedgerHistory.page(of: F.m1, currency: "points", page: PageRequest(), in: store).items.isEmpty)
    }

    @Test func aCursorThatIsNotAPostingIDIsRefused() throws {
        let (_, store) = F.make()
        #expect(throws: DomainError.self) {
            try LedgerHistory.page(of: F.m1, currency: nil, page: PageRequest(after: "x"), in: store)
        }
    }

    @Test func anEntryIsSignedAsTheHolderSeesIt() throws {
        let (ledger, _) = F.make()
        let earn = try ledger.earn(100, "cash", to: F.m1, at: F.start, references: .init(eventID: "e-1", ruleID: "r", ruleVersion: 2))
        let transfer = try ledger.transfer(30, "cash", from: F.m1, to: F.m2, at: F.start)
        #expect(earn.entryJSON(for: .member("m-1")).objectValue?["amount"] == .int(100))
        #expect(earn.entryJSON(for: .member("m-1")).objectValue?["counterparty"] == .string("program:issued"))
        #expect(earn.entryJSON(for: .member("m-1")).objectValue?["rule_version"] == .int(2))
        #expect(transfer.entryJSON(for: .member("m-1")).objectValue?["amount"] == .int(-30))
        #expect(transfer.entryJSON(for: .member("m-2")).objectValue?["amount"] == .int(30))
        #expect(transfer.entryJSON(for: .member("m-2")).objectValue?["counterparty"] == .string("member:m-1"))
    }
}

struct AdjustmentDraftTests {
    @Test func aMemberDebitWithAReasonParses() throws {
        let draft = try AdjustmentDraft.parse(["member_id": "ann", "currency": "points", "amount": -25, "reason": "goodwill reversal"])
        #expect(draft == AdjustmentDraft(holder: .member("ann"), currency: "points", amount: -25, reason: "goodwill reversal"))
        let organization = try AdjustmentDraft.parse(["organization_id": "acme", "currency": "points", "amount": 1_000_000_000_000, "reason": "x"])
        #expect(organization.holder == .organization("acme"))
    }

    @Test func zeroTooLargeNoHolderBothHoldersAndLongReasonsAreRefusedWithPaths() {
        let cases: [(JSONValue, String)] = [
            (["member_id": "ann", "currency": "points", "amount": 0, "reason": "r"], "$.amount"),
            (["member_id": "ann", "currency": "points", "amount": 1_000_000_000_001, "reason": "r"], "$.amount"),
            (["member_id": "ann", "currency": "points", "amount": -1_000_000_000_001, "reason": "r"], "$.amount"),
            (["member_id": "ann", "currency": "points", "amount": 1.5, "reason": "r"], "$.amount"),
            (["currency": "points", "amount": 5, "reason": "r"], "$"),
            (["member_id": "ann", "organization_id": "acme", "currency": "points", "amount": 5, "reason": "r"], "$"),
            (["member_id": "ann", "currency": "points", "amount": 5, "reason": ""], "$.reason"),
            (["member_id": "ann", "currency": "points", "amount": 5, "reason": .string(String(repeating: "é", count: 501))], "$.reason"),
            (["member_id": "ann", "currency": "points", "amount": 5], "$.reason"),
            (["member_id": "ann", "currency": "points", "amount": 5, "reason": "r", "note": "x"], "$.note"),
        ]
        for (body, path) in cases {
            do {
                _ = try AdjustmentDraft.parse(body)
                Issue.record("accepted \(body)")
            } catch {
                guard case .invalid(let problems) = error else { Issue.record("\(error)"); continue }
                #expect(problems.contains { $0.path == path }, "\(body): \(problems)")
            }
        }
        #expect((try? AdjustmentDraft.parse(["member_id": "ann", "currency": "points", "amount": 5,
                                              "reason": .string(String(repeating: "é", count: 500))])) != nil)
    }
}
