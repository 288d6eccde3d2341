/// Checked arithmetic for ledger amounts: an overflow is a refused operation, never a wrap or a trap.
enum LedgerAmount {
    /// DESIGN.md: amounts are integers with abs ≤ 10^12.
    static let perPostingMax: Int64 = 1_000_000_000_000

    static func check(_ amount: Int64) throws(LedgerError) {
        guard amount >= 1, amount <= perPostingMax else { throw .amountOutOfRange(amount) }
    }

    static func add(_ a: Int64, _ b: Int64) throws(LedgerError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return sum
    }

    static func subtract(_ a: Int64, _ b: Int64) throws(LedgerError) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return difference
    }
}
