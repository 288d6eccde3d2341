/// What one rule awarded for one event, kept for the rule's limits ("at most 10 per member per
/// day", "at most 1,000,000 points in total"). The amount is the whole award before any split.
public struct RuleAwardRecord: Sendable, Equatable {
    public var ruleID: String
    public var ruleVersion: Int
    public var eventID: String
    /// Which `then` effect of the rule made it.
    public var effectIndex: Int
    public var memberID: String?
    public var organizationID: String?
    public var currency: String
    public var amount: Int64
    public var at: Timestamp
    /// Whether the rule's version has a limit per member or organization, which reads its awards
    /// by subject: only then are they indexed so (a rule that gains one indexes its earlier ones).
    public var bySubject: Bool

    public init(
        ruleID: String, ruleVersion: Int, eventID: String, effectIndex: Int, memberID: String?, organizationID: String?,
        currency: String, amount: Int64, at: Timestamp, bySubject: Bool = true
    ) {
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.eventID = eventID
        self.effectIndex = effectIndex
        self.memberID = memberID
        self.organizationID = organizationID
        self.currency = currency
        self.amount = amount
        self.at = at
        self.bySubject = bySubject
    }
}

/// A fire of a rule that booked no award (only badge, boost, tag or notify effects did something),
/// kept so that the rule's count limits see it as they see fires with awards.
public struct RuleFireRecord: Sendable, Equatable {
    public var ruleID: String
    public var ruleVersion: Int
    public var eventID: String
    public var memberID: String?
    public var organizationID: String?
    public var at: Timestamp

    public init(ruleID: String, ruleVersion: Int, eventID: String, memberID: String?, organizationID: String?, at: Timestamp) {
        self.ruleID = ruleID
        self.ruleVersion = ruleVersion
        self.eventID = eventID
        self.memberID = memberID
        self.organizationID = organizationID
        self.at = at
    }
}

/// Rule awards and fires as stored; counts and sums exclude those of reversed events.
///
/// Per member or organization, only awards indexed by subject are read unless
/// `includingUnindexed`: those of versions with a limit per member or organization, and every
/// earlier one a live limit can still count (indexed when the rule gained such a limit). That is
/// everything a live limit needs; a simulation, whose candidate version may limit what the live
/// one did not, reads every award (the rule's awards in the window, filtered: slower).
public protocol RuleAwardReader {
    /// Distinct events for which the rule fired (awarded something, or recorded a fire without an
    /// award), in `[from, until)`; `subjectID` nil for the whole program.
    func ruleFires(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, from: Timestamp, until: Timestamp, includingUnindexed: Bool
    ) throws -> Int
    func ruleAwarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, from: Timestamp, until: Timestamp,
        includingUnindexed: Bool
    ) throws -> Int64
}

public protocol RuleAwardWriter: RuleAwardReader {
    func record(_ award: RuleAwardRecord) throws
    func record(_ fire: RuleFireRecord) throws
    /// Indexes by subject the rule's awards made at or after `from` (all of them when nil) that
    /// are not yet: the rule has gained a limit per member or organization.
    func indexRuleAwardsBySubject(ruleID: String, from: Timestamp?) throws
}

/// Rule limits' usage from stored rule awards, windows in the program's time zone.
public struct RuleUsage: RuleUsageSource {
    private let awards: any RuleAwardReader
    private let timeZone: ProgramTimeZone

    public init(awards: any RuleAwardReader, timeZone: ProgramTimeZone) {
        self.awards = awards
        self.timeZone = timeZone
    }

    public func fires(ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, period: RuleLimit.Period, at: Timestamp) throws -> Int {
        let window = self.window(period, at)
        return try awards.ruleFires(
            ruleID: ruleID, per: scope, subjectID: subjectID, from: window.start, until: window.end, includingUnindexed: false)
    }

    public func awarded(
        ruleID: String, per scope: RuleLimit.Scope, subjectID: String?, currency: String, period: RuleLimit.Period, at: Timestamp
    ) throws -> Int64 {
        let window = self.window(period, at)
        return try awards.ruleAwarded(
            ruleID: ruleID, per: scope, subjectID: subjectID, currency: currency, from: window.start, until: window.end,
            includingUnindexed: false)
    }

    private func window(_ period: RuleLimit.Period, _ at: Timestamp) -> (start: Timestamp, end: Timestamp) {
        // Limit periods are the calendar counter periods of the same names.
        CalendarWindow.containing(at, period: CounterPeriod(rawValue: period.rawValue)!, in: timeZone)
    }
}
