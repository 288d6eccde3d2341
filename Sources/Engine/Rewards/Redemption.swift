/// A member's claim on a reward: its cost is held on the ledger while `pending`, then redeemed for
/// good (`fulfilled`, with a code) or given back (`cancelled`).
public struct Redemption: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, fulfilled, cancelled
    }

    /// What a transition asks of the caller.
    public enum Action: Sendable, Equatable {
        /// Apply it: settle or release the hold, save, audit.
        case apply
        /// Already in that state: answer it as it is, write nothing.
        case unchanged
        /// From the other final state: refuse with 409.
        case refuse(String)
    }

    public var id: String
    public var memberID: String
    public var rewardID: String
    public var currency: String
    public var cost: Int64
    public var status: Status
    public var code: String?
    public var createdAt: Timestamp
    public var fulfilledAt: Timestamp?
    public var cancelledAt: Timestamp?

    public init(
        id: String, memberID: String, rewardID: String, currency: String, cost: Int64, status: Status = .pending,
        code: String? = nil, createdAt: Timestamp, fulfilledAt: Timestamp? = nil, cancelledAt: Timestamp? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.rewardID = rewardID
        self.currency = currency
        self.cost = cost
        self.status = status
        self.code = code
        self.createdAt = createdAt
        self.fulfilledAt = fulfilledAt
        self.cancelledAt = cancelledAt
    }

    /// `rdm_` and 24 random hex digits (96 bits), for a redemption the caller gave no id.
    public static func generateID() -> String { GeneratedID.make(prefix: "rdm") }

    /// pending → fulfilled; fulfilling twice is unchanged; a cancelled one cannot be fulfilled.
    public mutating func fulfill(code: String?, at: Timestamp) -> Action {
        switch status {
        case .fulfilled: return .unchanged
        case .cancelled: return .refuse("redemption \(id) is cancelled; it cannot be fulfilled")
        case .pending:
            status = .fulfilled
            self.code = code
            fulfilledAt = at
            return .apply
        }
    }

    /// pending → cancelled; cancelling twice is unchanged; a fulfilled one cannot be cancelled.
    public mutating func cancel(at: Timestamp) -> Action {
        switch status {
        case .cancelled: return .unchanged
        case .fulfilled: return .refuse("redemption \(id) is fulfilled; it cannot be cancelled")
        case .pending:
            status = .cancelled
            cancelledAt = at
            return .apply
        }
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("id", .string(id)),
            ("member_id", .string(memberID)),
            ("reward_id", .string(rewardID)),
            ("cost", RewardCost(currency: currency, amount: cost).json),
            ("status", .string(status.rawValue)),
            ("code", code.map(JSONValue.string) ?? .null),
            ("created_at", .string(createdAt.rfc3339)),
            ("fulfilled_at", fulfilledAt.map { .string($0.rfc3339) } ?? .null),
            ("cancelled_at", cancelledAt.map { .string($0.rfc3339) } ?? .null),
        ]))
    }
}

/// Which redemptions a list answers.
public struct RedemptionFilter: Sendable, Equatable {
    public var memberID: String?
    public var status: Redemption.Status?
    /// A partner key sees only its own organization's members.
    public var organizationID: String?

    public init(memberID: String? = nil, status: Redemption.Status? = nil, organizationID: String? = nil) {
        self.memberID = memberID
        self.status = status
        self.organizationID = organizationID
    }
}
