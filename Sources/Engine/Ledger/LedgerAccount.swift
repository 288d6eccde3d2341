/// Where points sit. The program's own accounts are the other side of every award, expiry and
/// redemption, so `program:issued` goes negative by exactly what is in circulation; holders
/// (members, organizations) never go below zero; a redemption's hold account carries the points of
/// one pending redemption; a holder's clawback account carries, as a negative balance, what a
/// reversal could not take back because it was already spent (see `Ledger+Reverse.swift`).
public enum LedgerAccount: Sendable, Hashable, CustomStringConvertible {
    case programIssued
    case programExpired
    case programRedeemed
    case member(String)
    case organization(String)
    case redemption(String)
    case clawback(LedgerHolder)

    /// Members and organizations: the accounts that own lots.
    public var holder: LedgerHolder? {
        switch self {
        case .member(let id): .member(id)
        case .organization(let id): .organization(id)
        default: nil
        }
    }

    /// The stable string form, e.g. `program:issued`, `member:m-1`, `redemption:r-9`,
    /// `clawback:member:m-1`. The clawback prefix comes first so that an id may contain `:`
    /// and the form still parses without ambiguity.
    public var description: String {
        switch self {
        case .programIssued: "program:issued"
        case .programExpired: "program:expired"
        case .programRedeemed: "program:redeemed"
        case .member(let id): "member:" + id
        case .organization(let id): "organization:" + id
        case .redemption(let id): "redemption:" + id
        case .clawback(let holder): "clawback:" + holder.account.description
        }
    }

    /// The inverse of `description`; nil for anything else, including an empty id.
    public init?(parsing text: String) {
        switch text {
        case "program:issued": self = .programIssued
        case "program:expired": self = .programExpired
        case "program:redeemed": self = .programRedeemed
        default:
            if let id = Self.id(in: text, after: "member:") {
                self = .member(id)
            } else if let id = Self.id(in: text, after: "organization:") {
                self = .organization(id)
            } else if let id = Self.id(in: text, after: "redemption:") {
                self = .redemption(id)
            } else if let rest = Self.id(in: text, after: "clawback:"),
                      let holder = LedgerAccount(parsing: rest)?.holder {
                self = .clawback(holder)
            } else {
                return nil
            }
        }
    }

    private static func id(in text: String, after prefix: String) -> String? {
        guard text.hasPrefix(prefix), text.count > prefix.count else { return nil }
        return String(text.dropFirst(prefix.count))
    }
}

/// An account that owns points in lots: a member or an organization.
public enum LedgerHolder: Sendable, Hashable, CustomStringConvertible {
    case member(String)
    case organization(String)

    public var account: LedgerAccount {
        switch self {
        case .member(let id): .member(id)
        case .organization(let id): .organization(id)
        }
    }

    public var clawbackAccount: LedgerAccount { .clawback(self) }

    public var description: String { account.description }
}
