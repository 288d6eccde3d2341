/// A limited-use earning bonus a rule's `boost` effect granted a member: +`percent` % on the
/// member's awards of the next `usesTotal` events of type `on` (in `currency` only, when set),
/// from the granting event's time until `expiresAt` (event time, not processing time).
public struct Boost: Sendable, Equatable {
    /// Assigned by the store when the boost is granted; 0 before.
    public var id: Int64
    public var memberID: String
    /// The event whose rule granted it; reversing that event revokes what is left of it.
    public var eventID: String
    public var ruleID: String
    public var ruleVersion: Int
    public var effectIndex: Int
    public var percent: Int64
    public var on: String
    public var currency: String?
    public var usesTotal: Int64
    public var usesRemaining: Int64
    public var grantedAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    public init(
        id: Int64 = 0, memberID: String, eventID: String, ruleID: String, ruleVersion: Int, effectIndex: Int, percent: Int64,
        on: String, currency: String? = nil, usesTotal: Int64, usesRemaining: Int64? = nil, grantedAt: Timestamp,
        expiresAt: Timestamp, revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.memberID = memberID
        self.eventID = eventID
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.effectIndex = effectIndex
        self.percent = percent
        self.on = on
        self.currency = currency
        self.usesTotal = usesTotal
        self.usesRemaining = usesRemaining ?? usesTotal
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// The boost a rule's effect grants for an event at `at`.
    public init(granting effect: BoostEffect, memberID: String, eventID: String, ruleID: String, ruleVersion: Int, effectIndex: Int, at: Timestamp) {
        self.init(
            memberID: memberID, eventID: eventID, ruleID: ruleID, ruleVersion: ruleVersion, effectIndex: effectIndex,
            percent: effect.percent, on: effect.on, currency: effect.currency, usesTotal: effect.uses, grantedAt: at,
            expiresAt: at.adding(milliseconds: effect.expiresInDays * 86_400_000))
    }

    /// Usable at `at` (by the event's time): granted at or before it, not expired, not revoked, a use left.
    public func isActive(at: Timestamp) -> Bool {
        revokedAt == nil && usesRemaining > 0 && grantedAt <= at && at < expiresAt
    }

    /// Whether it adds to an award of `currency` to `holder` made by an event of `eventType`.
    public func applies(eventType: String, holder: LedgerHolder, currency awardCurrency: String) -> Bool {
        on == eventType && holder == .member(memberID) && (currency == nil || currency == awardCurrency)
    }

    public var status: String {
        if revokedAt != nil { return "revoked" }
        return usesRemaining > 0 ? "active" : "used_up"
    }

    /// `active` at `now` also says whether time has run out.
    public func json(now: Timestamp? = nil) -> JSONValue {
        var object = JSONObject([
            ("id", .int(id)), ("member_id", .string(memberID)), ("percent", .int(percent)), ("on", .string(on)),
            ("currency", .optional(currency)), ("uses_total", .int(usesTotal)), ("uses_remaining", .int(usesRemaining)),
            ("granted_at", .string(grantedAt.rfc3339)), ("expires_at", .string(expiresAt.rfc3339)),
            ("revoked_at", revokedAt.map { .string($0.rfc3339) } ?? .null),
            ("granted_by", .object(JSONObject([
                ("event_id", .string(eventID)), ("rule_id", .string(ruleID)), ("rule_version", .int(Int64(ruleVersion))),
                ("effect_index", .int(Int64(effectIndex))),
            ]))),
        ])
        if let now {
            object["status"] = .string(revokedAt == nil && usesRemaining > 0 && now >= expiresAt ? "expired" : status)
            object["active"] = .bool(isActive(at: now))
        }
        return .object(object)
    }
}

/// One event's use of a boost: the total bonus it added to that event's awards. Reversing the
/// event gives the use back (`returnedAt`) while the boost is still live.
public struct BoostUse: Sendable, Equatable {
    public var boostID: Int64
    public var eventID: String
    public var bonus: Int64
    public var usedAt: Timestamp
    public var returnedAt: Timestamp?

    public init(boostID: Int64, eventID: String, bonus: Int64, usedAt: Timestamp, returnedAt: Timestamp? = nil) {
        self.boostID = boostID
        self.eventID = eventID
        self.bonus = bonus
        self.usedAt = usedAt
        self.returnedAt = returnedAt
    }
}
