public protocol MessageTemplateReader {
    func messageTemplate(trigger: MessageTemplate.Trigger) throws -> MessageTemplate?
    /// Every template, by trigger.
    func messageTemplates() throws -> [MessageTemplate]
    /// How many notifications of this kind the member has had: which tip comes next.
    func notificationCount(memberID: String, kind: String) throws -> Int
    /// Open lots expiring after `after` and by `through`, summed per holder, currency and expiry
    /// instant, leaving out those reminded already; soonest first, at most `limit`.
    func pointsExpiringUnreminded(after: Timestamp, through: Timestamp, limit: Int) throws -> [ExpiringPoints]
}

/// Points of one holder and currency that expire together.
public struct ExpiringPoints: Sendable, Equatable {
    public var holder: LedgerHolder
    public var currency: String
    public var expiresAt: Timestamp
    public var amount: Int64

    public init(holder: LedgerHolder, currency: String, expiresAt: Timestamp, amount: Int64) {
        self.holder = holder
        self.currency = currency
        self.expiresAt = expiresAt
        self.amount = amount
    }
}

public protocol MessageTemplateWriter: MessageTemplateReader {
    func save(_ template: MessageTemplate) throws
    func deleteMessageTemplate(trigger: MessageTemplate.Trigger) throws
    func recordExpiryReminder(holder: LedgerHolder, currency: String, expiresAt: Timestamp, at: Timestamp) throws
}
