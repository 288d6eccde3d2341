extension LedgerPosting {
    /// The posting between its two accounts, as reversal answers show it.
    public var json: JSONValue {
        .object(JSONObject([
            ("id", .int(id)), ("at", .string(at.rfc3339)), ("currency", .string(currency)), ("kind", .string(kind.rawValue)),
            ("amount", .int(amount)), ("from", .string(debit.description)), ("to", .string(credit.description)),
        ] + referenceFields))
    }

    /// The posting as `account` sees it: `amount` is positive when the account is credited and
    /// negative when it is debited; `counterparty` is the other side.
    public func entryJSON(for account: LedgerAccount) -> JSONValue {
        precondition(debit == account || credit == account, "an entry is seen from one of its sides")
        let isCredit = credit == account
        return .object(JSONObject([
            ("id", .int(id)), ("at", .string(at.rfc3339)), ("currency", .string(currency)), ("kind", .string(kind.rawValue)),
            ("amount", .int(isCredit ? amount : -amount)), ("counterparty", .string((isCredit ? debit : credit).description)),
        ] + referenceFields))
    }

    private var referenceFields: [(key: String, value: JSONValue)] {
        [
            ("event_id", .optional(references.eventID)), ("rule_id", .optional(references.ruleID)),
            ("rule_version", references.ruleVersion.map { .int(Int64($0)) } ?? .null),
            ("reason", .optional(references.reason)), ("reversal_of", references.reversalOf.map(JSONValue.int) ?? .null),
        ]
    }
}
