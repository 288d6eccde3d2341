/// Leaves a member a message when something happens to them and the program has a template for
/// it: written into the inbox in the same transaction as what caused it, so a message is never
/// sent for something that did not happen, nor lost for something that did.
public struct Messenger {
    let store: any StoreWriter
    /// The templates, read once per transaction that may send several.
    private let templates: [MessageTemplate.Trigger: MessageTemplate]

    public init(in store: any StoreWriter) throws {
        self.store = store
        self.templates = Dictionary(try store.messageTemplates().map { ($0.trigger, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var isSilent: Bool { templates.isEmpty }

    /// Whether the program has a template for the trigger (work only it needs can be skipped).
    public func sends(_ trigger: MessageTemplate.Trigger) -> Bool { templates[trigger] != nil }

    /// Renders the trigger's template for the member with `values` (and `member_name`) and keeps
    /// it; nothing when there is no template or no such member.
    public func send(
        _ trigger: MessageTemplate.Trigger, to memberID: String, values: [String: String], eventID: String? = nil, ruleID: String? = nil,
        at: Timestamp
    ) throws {
        guard let template = templates[trigger], let member = try store.member(id: memberID) else { return }
        var values = values
        values["member_name"] = member.name ?? member.id
        var payload: [(String, JSONValue)] = [
            ("title", .string(MessageTemplate.render(template.title, values))), ("body", .string(MessageTemplate.render(template.body, values))),
        ]
        if !template.tips.isEmpty {
            let sent = try store.notificationCount(memberID: member.id, kind: trigger.rawValue)
            payload.append(("tip", .string(template.tips[sent % template.tips.count])))
        }
        payload.append(("values", .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))))
        _ = try store.insert(MemberNotification(
            memberID: member.id, kind: trigger.rawValue, template: trigger.rawValue, payload: JSONObject(payload), eventID: eventID,
            ruleID: ruleID, ruleVersion: nil, createdAt: at))
    }
}
