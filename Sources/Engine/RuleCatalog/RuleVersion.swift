/// One saved version of a rule. Every change makes a new version and old versions are kept
/// forever: an award names the rule id and version that made it, so "why did I get this?" always
/// has an answer even after the rule changed or was deleted.
public struct RuleVersion: Sendable, Equatable {
    public var ruleID: String
    /// 1 for the first version, then 2, 3, …
    public var version: Int
    /// The validated rule document as saved.
    public var document: JSONValue
    public var createdAt: Timestamp
    /// The key that saved it; nil for the operator's CLI.
    public var createdBy: String?

    public init(ruleID: String, version: Int, document: JSONValue, createdAt: Timestamp, createdBy: String?) {
        self.ruleID = ruleID
        self.version = version
        self.document = document
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// The document with its version facts, as the API answers it.
    public var json: JSONValue {
        var object = document.objectValue ?? JSONObject()
        object["id"] = .string(ruleID)
        object["version"] = .int(Int64(version))
        object["saved_at"] = .string(createdAt.rfc3339)
        object["saved_by"] = .optional(createdBy)
        return .object(object)
    }
}
