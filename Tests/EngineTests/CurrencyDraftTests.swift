import Engine
import Testing

@Suite struct CurrencyDraftTests {
    @Test func theDesignExampleParses() throws {
        let draft = try CurrencyDraft.parse(
            ["name": "Points", "redeemable": true, "expiry": ["after_days": 365], "pending_days": 0], id: "points")
        #expect(draft == CurrencyDraft(name: "Points", redeemable: true, expiry: .afterDays(365), pendingDays: 0))
    }

    @Test func expiryDefaultsToNeverAndAcceptsEveryForm() throws {
        #expect(try CurrencyDraft.parse(["name": "Credits"], id: "c").expiry == .never)
        #expect(try CurrencyDraft.parse(["name": "Credits", "expiry": nil], id: "c").expiry == .never)
        #expect(try CurrencyDraft.parse(["name": "Credits", "expiry": "never"], id: "c").expiry == .never)
        #expect(try CurrencyDraft.parse(["name": "C", "expiry": ["end_of": "quarter"]], id: "c").expiry == .endOf(.quarter, periodsAfter: 0))
        #expect(try CurrencyDraft.parse(["name": "C", "expiry": ["end_of": "year", "periods_after": 1]], id: "c").expiry
            == .endOf(.year, periodsAfter: 1))
    }

    @Test func redeemableDefaultsToTrue() throws {
        #expect(try CurrencyDraft.parse(["name": "Points"], id: "p").redeemable)
        #expect(try !CurrencyDraft.parse(["name": "Status credits", "redeemable": false], id: "s").redeemable)
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(paths { _ = try CurrencyDraft.parse(["redeemable": "yes", "pending_days": 400, "zz": 1], id: "p") }.sorted()
            == ["$.name", "$.pending_days", "$.redeemable", "$.zz"])
    }

    @Test func expiryShapesAreChecked() {
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["after_days": 0]], id: "p") } == ["$.expiry.after_days"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["after_days": 36_501]], id: "p") } == ["$.expiry.after_days"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["after_days": 5, "end_of": "month"]], id: "p") } == ["$.expiry"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": [:]], id: "p") } == ["$.expiry"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["end_of": "week"]], id: "p") } == ["$.expiry.end_of"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["after_days": 5, "periods_after": 1]], id: "p") }
            == ["$.expiry.periods_after"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": 365], id: "p") } == ["$.expiry"])
        #expect(paths { _ = try CurrencyDraft.parse(["name": "P", "expiry": ["end_of": "month", "when": 1]], id: "p") } == ["$.expiry.when"])
    }

    @Test func bodyIdMustMatchThePath() {
        #expect(paths { _ = try CurrencyDraft.parse(["id": "other", "name": "P"], id: "points") } == ["$.id"])
    }

    @Test func theDocumentFormRoundTripsThroughTheParser() throws {
        for expiry in [CurrencyExpiry.never, .afterDays(30), .endOf(.month, periodsAfter: 2)] {
            let currency = Currency(
                id: "p", name: "P", redeemable: false, expiry: expiry, pendingDays: 14,
                createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))
            guard case .object(var body) = currency.json else { Issue.record("not an object"); return }
            for field in ["created_at", "updated_at"] { body[field] = nil }
            let draft = try CurrencyDraft.parse(.object(body), id: "p")
            #expect(draft == CurrencyDraft(name: "P", redeemable: false, expiry: expiry, pendingDays: 14))
        }
    }
}
