/// The writable fields of a webhook, validated from `PUT /v1/webhooks/{id}`. `secret` may be left
/// out when replacing a webhook, which keeps the one it has; a new webhook needs one.
public struct WebhookDraft: Sendable, Equatable {
    public var url: WebhookURL
    public var kinds: [String]
    public var secret: String?
    public var active: Bool
    public var description: String?

    public static func parse(_ body: JSONValue, id: String) throws(DomainError) -> WebhookDraft {
        let report = ValidationReport()
        let reader = try FieldReader.document(body, report: report)
        reader.rejectUnknownKeys(["url", "kinds", "secret", "active", "description"])
        let url = reader.string("url", required: true, rule: .text(max: WebhookURL.bytesMax)).flatMap { text -> WebhookURL? in
            switch WebhookURL.parse(text) {
            case .success(let url): return url
            case .failure(let problem):
                report.add(reader.pathOf("url"), problem.message)
                return nil
            }
        }
        let kinds = reader.stringList("kinds", required: true, rule: .text(max: 64), countMax: Webhook.kindsMax)
        for (index, pattern) in (kinds ?? []).enumerated() {
            if let problem = WebhookKinds.problem(with: pattern) { report.add("\(reader.pathOf("kinds"))[\(index)]", problem) }
        }
        if kinds?.isEmpty == true { report.add(reader.pathOf("kinds"), "must name at least one kind") }
        let secret = reader.string("secret", required: false, rule: .text(max: Webhook.secretBytesMax))
        if let secret, secret.utf8.count < Webhook.secretBytesMin || secret.utf8.count > Webhook.secretBytesMax {
            report.add(reader.pathOf("secret"), "must be \(Webhook.secretBytesMin) to \(Webhook.secretBytesMax) bytes")
        }
        let active = reader.bool("active", required: false) ?? true
        let description = reader.string("description", required: false, rule: .text(max: 2_000))
        try report.check()
        guard let url, let kinds else { fatalError("required fields were reported") }
        return WebhookDraft(url: url, kinds: kinds, secret: secret, active: active, description: description)
    }

    /// The webhook this draft makes; `keptSecret` is the secret of the webhook it replaces.
    public func webhook(id: String, keptSecret: String?, createdAt: Timestamp, updatedAt: Timestamp) -> Webhook? {
        guard let secret = secret ?? keptSecret else { return nil }
        return Webhook(id: id, url: url, kinds: kinds, secret: secret, active: active, description: description, createdAt: createdAt, updatedAt: updatedAt)
    }
}
