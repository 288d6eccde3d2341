import Testing
import Engine

struct LedgerExpiryTests {
    private func at(_ text: String) -> Timestamp { RFC3339.parse(text)! }

    @Test func afterDaysCountsWholeDaysFromTheEarningInstant() {
        #expect(LotExpiry.afterDays(30).expiresAt(earnedAt: at("2026-01-10T12:00:00Z")) == at("2026-02-09T12:00:00Z"))
        #expect(LotExpiry.afterDays(0).expiresAt(earnedAt: at("2026-01-10T12:00:00Z")) == at("2026-01-10T12:00:00Z"))
        #expect(LotExpiry.never.expiresAt(earnedAt: at("2026-01-10T12:00:00Z")) == nil)
    }

    @Test func calendarEndsAreTheStartOfTheNextPeriodInUTC() {
        #expect(LotExpiry.endOf(.month, periodsAfter: 0).expiresAt(earnedAt: at("2026-01-10T12:00:00Z")) == at("2026-02-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.month, periodsAfter: 0).expiresAt(earnedAt: at("2026-12-31T23:59:59.999Z")) == at("2027-01-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.month, periodsAfter: 0).expiresAt(earnedAt: at("2028-02-29T00:00:00Z")) == at("2028-03-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.quarter, periodsAfter: 0).expiresAt(earnedAt: at("2026-02-15T00:00:00Z")) == at("2026-04-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.quarter, periodsAfter: 0).expiresAt(earnedAt: at("2026-04-01T00:00:00Z")) == at("2026-07-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.quarter, periodsAfter: 0).expiresAt(earnedAt: at("2026-12-15T00:00:00Z")) == at("2027-01-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.year, periodsAfter: 0).expiresAt(earnedAt: at("2026-01-01T00:00:00Z")) == at("2027-01-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.year, periodsAfter: 0).expiresAt(earnedAt: at("1969-07-20T20:17:00Z")) == at("1970-01-01T00:00:00Z"))
    }

    @Test func laterPeriodsCountWholePeriodsPastTheEarningOne() {
        #expect(LotExpiry.endOf(.month, periodsAfter: 2).expiresAt(earnedAt: at("2026-11-10T00:00:00Z")) == at("2027-02-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.month, periodsAfter: 14).expiresAt(earnedAt: at("2026-11-10T00:00:00Z")) == at("2028-02-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.quarter, periodsAfter: 1).expiresAt(earnedAt: at("2026-11-10T00:00:00Z")) == at("2027-04-01T00:00:00Z"))
        #expect(LotExpiry.endOf(.year, periodsAfter: 1).expiresAt(earnedAt: at("2026-03-01T00:00:00Z")) == at("2028-01-01T00:00:00Z"))
        #expect(LotExpiry(CurrencyExpiry.endOf(.quarter, periodsAfter: 3)) == .endOf(.quarter, periodsAfter: 3))
    }

    @Test func lotsSpendSoonestExpiryFirstNeverExpiringLastThenOldestThenLowestID() {
        func lot(_ id: Int64, earned: Int64, expires: Int64?) -> Lot {
            Lot(id: id, holder: .member("m"), currency: "points", amount: 1,
                earnedAt: Timestamp(millisecondsSinceEpoch: earned), availableAt: Timestamp(millisecondsSinceEpoch: earned),
                expiresAt: expires.map { Timestamp(millisecondsSinceEpoch: $0) })
        }
        let lots = [lot(1, earned: 0, expires: nil), lot(2, earned: 5, expires: 100), lot(3, earned: 1, expires: 100),
                    lot(4, earned: 9, expires: 50), lot(5, earned: 0, expires: nil), lot(6, earned: 1, expires: 100)]
        #expect(lots.sorted(by: Lot.spendsBefore).map(\.id) == [4, 3, 6, 2, 1, 5])
    }
}
