public protocol MessageTemplateReader {
    func messageTemplate(trigger: MessageTemplate.Trigger) throws -> MessageTemplate?
    /// Every template, by trigger.
    func messageTemplates() throws -> [MessageTemplate]
    /// How many notifications of this kind the member has had: which tip comes next.
    func notificationCount(memberID: String, kind: String) throws -> Int
}

public protocol MessageTemplateWriter: MessageTemplateReader {
    func save(_ template: MessageTemplate) throws
    func deleteMessageTemplate(trigger: MessageTemplate.Trigger) throws
}
