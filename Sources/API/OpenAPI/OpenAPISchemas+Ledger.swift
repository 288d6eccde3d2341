import Engine

extension OpenAPISchemas {
    /// Balances, ledger listings, adjustments and transfers.
    static let ledger: [(key: String, value: JSONValue)] = [
        ("Balance", object([
            ("available", integer()), ("pending", integer()),
            ("expiring_soon", ["type": "integer", "description": "Available and pending points expiring within expiring_within_days (default 30)."]),
            ("lapsed", integer()),
            ("debt", integer()),
        ], required: ["available", "pending", "expiring_soon"])),
        ("Balances", object([("balances", ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance"),
                                           "description": "By currency id."])], required: ["balances"])),
        ("LedgerPosting", object([
            ("id", integer()), ("at", dateTime()), ("currency", string()), ("kind", string("earn, spend, reverse, adjust, recover, …")),
            ("amount", integer()), ("from", string("The debited account, e.g. program:issued, member:<id>, clawback:member:<id>.")),
            ("to", string("The credited account.")), ("event_id", ["type": ["string", "null"]]), ("rule_id", ["type": ["string", "null"]]),
            ("rule_version", ["type": ["integer", "null"]]), ("reason", ["type": ["string", "null"]]),
            ("reversal_of", ["type": ["integer", "null"], "description": "The posting this one reverses."]),
        ], required: ["id", "at", "currency", "kind", "amount", "from", "to"])),
        ("LedgerEntry", object([
            ("id", integer()), ("at", dateTime()), ("currency", string()), ("kind", string()),
            ("amount", ["type": "integer", "description": "Signed as the holder sees it: + credited to it, − debited from it."]),
            ("counterparty", string("The other account of the posting.")), ("event_id", ["type": ["string", "null"]]),
            ("rule_id", ["type": ["string", "null"]]), ("rule_version", ["type": ["integer", "null"]]),
            ("reason", ["type": ["string", "null"]]), ("reversal_of", ["type": ["integer", "null"]]),
            ("base_amount", ["type": "integer", "description": "Earn postings with a tier multiplier or boosts: the rule's amount."]),
            ("multiplier", ["type": "number", "description": "The holder's tier earning multiplier applied to base_amount."]),
            ("amount_before_boosts", ["type": "integer", "description": "Boosted earn postings: the amount after the multiplier."]),
            ("boost_bonus", ["type": "integer", "description": "Boosted earn postings: what all boosts added."]),
            ("boosts", ["type": "array", "description": "Boosted earn postings: each boost used and what it added.",
                        "items": object([("boost_id", integer()), ("percent", integer()), ("bonus", integer())],
                                        required: ["boost_id", "percent", "bonus"])]),
        ], required: ["id", "at", "currency", "kind", "amount", "counterparty"])),
        ("LedgerEntryPage", page("LedgerEntry")),
        ("AdjustmentWrite", object([
            ("member_id", string("Exactly one of member_id and organization_id.")), ("organization_id", string()),
            ("currency", string()),
            ("amount", ["type": "integer", "minimum": -1_000_000_000_000, "maximum": 1_000_000_000_000, "not": ["const": 0],
                        "description": "Positive credits a new lot, available at once; negative debits available points."]),
            ("reason", string(maxLength: 500)),
        ], required: ["currency", "amount", "reason"], closed: true)),
        ("Adjustment", object([("posting", OpenAPIDocument.ref("LedgerEntry")), ("balance", OpenAPIDocument.ref("Balance"))],
                              required: ["posting", "balance"])),
        ("Holder", ["oneOf": [
            object([("member_id", string())], required: ["member_id"], closed: true),
            object([("organization_id", string())], required: ["organization_id"], closed: true),
        ]]),
        ("TransferWrite", object([
            ("from", OpenAPIDocument.ref("Holder")), ("to", OpenAPIDocument.ref("Holder")), ("currency", string("A redeemable currency.")),
            ("amount", ["type": "integer", "minimum": 1, "maximum": 1_000_000_000_000]), ("reason", string(maxLength: 500)),
        ], required: ["from", "to", "currency", "amount"], closed: true)),
        ("Transfer", object([
            ("posting", OpenAPIDocument.ref("LedgerEntry")),
            ("balances", ["type": "object", "description": "Both holders' new balances: holder → currency → balance.",
                          "additionalProperties": ["type": "object", "additionalProperties": OpenAPIDocument.ref("Balance")]]),
        ], required: ["posting", "balances"])),
    ]
}
