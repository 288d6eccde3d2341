/// Message templates are program configuration, one per trigger: every key may read them, only
/// admin keys change them.
public enum MessageTemplateCommands {
    public static func get(_ trigger: String, in store: any StoreReader) throws -> MessageTemplate {
        guard let kind = MessageTemplate.Trigger(rawValue: trigger), let template = try store.messageTemplate(trigger: kind) else {
            throw DomainError.notFound(kind: MessageTemplate.kind, id: trigger)
        }
        return template
    }

    public static func list(in store: any StoreReader) throws -> [MessageTemplate] {
        try store.messageTemplates()
    }

    public static func put(
        _ trigger: MessageTemplate.Trigger, _ draft: MessageTemplateDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> ConfigurationWrites.Put<MessageTemplate> {
        try ConfigurationWrites.put(
            trigger.rawValue, context: context, in: store, load: { _ in try store.messageTemplate(trigger: trigger) },
            make: { draft.template(trigger, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    public static func delete(_ trigger: String, context: ChangeContext, in store: any StoreWriter) throws {
        guard let kind = MessageTemplate.Trigger(rawValue: trigger) else { throw DomainError.notFound(kind: MessageTemplate.kind, id: trigger) }
        try ConfigurationWrites.delete(
            trigger, context: context, in: store, load: { _ in try store.messageTemplate(trigger: kind) },
            remove: { _ in try store.deleteMessageTemplate(trigger: kind) })
    }
}
