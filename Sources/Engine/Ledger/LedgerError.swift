/// Why a ledger operation was refused. A refused operation changed nothing.
public enum LedgerError: Error, Sendable, Equatable {
    /// Amounts are 1…10^12 per posting.
    case amountOutOfRange(Int64)
    /// A sum would leave `Int64`; refused rather than wrapped or trapped.
    case overflow
    case unknownCurrency(String)
    case notRedeemable(currency: String)
    /// The account cannot take part in this operation (e.g. a program account as a transfer side).
    case notAHolder(LedgerAccount)
    case sameAccount(LedgerAccount)
    /// Asked for more than is available now; nothing was taken.
    case insufficientAvailable(available: Int64, requested: Int64)
    case unknownPosting(Int64)
    case notReversible(postingID: Int64, kind: LedgerPosting.Kind)
    case alreadyReversed(postingID: Int64)
    case unknownRedemption(String)
    case redemptionExists(String)
    case redemptionClosed(String)
    case emptyReason

    /// How the domain reports it: bad numbers are 422, unknown references 404, state 409.
    public var domainError: DomainError {
        switch self {
        case .amountOutOfRange(let amount):
            .unprocessable([ValidationError(path: "$.amount", message: "must be 1…10^12, got \(amount)")])
        case .overflow:
            .unprocessable([ValidationError(path: "$.amount", message: "the balance would overflow")])
        case .unknownCurrency(let code):
            .unprocessable([ValidationError(path: "$.currency", message: "unknown currency \(code)")])
        case .notRedeemable(let code):
            .unprocessable([ValidationError(path: "$.currency", message: "\(code) cannot be redeemed")])
        case .notAHolder(let account):
            .unprocessable([ValidationError(path: "$", message: "\(account) cannot hold points")])
        case .sameAccount(let account):
            .unprocessable([ValidationError(path: "$", message: "\(account) on both sides")])
        case .emptyReason:
            .invalid([ValidationError(path: "$.reason", message: "an adjustment needs a reason")])
        case .insufficientAvailable(let available, let requested):
            .conflict("\(requested) requested, \(available) available")
        case .unknownPosting(let id):
            .notFound(kind: "posting", id: String(id))
        case .unknownRedemption(let id):
            .notFound(kind: "redemption", id: id)
        case .notReversible(let id, let kind):
            .conflict("posting \(id) (\(kind)) cannot be reversed")
        case .alreadyReversed(let id):
            .conflict("posting \(id) is already reversed")
        case .redemptionExists(let id):
            .conflict("redemption \(id) already holds points")
        case .redemptionClosed(let id):
            .conflict("redemption \(id) is already settled or released")
        }
    }
}
