/// Scorecard templates are program configuration: every key may read them, only admin keys change them.
public enum ScorecardTemplateCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> ScorecardTemplate {
        try ConfigurationWrites.get(id, load: store.scorecardTemplate(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<ScorecardTemplate> {
        try store.scorecardTemplates(page: page)
    }

    public static func put(
        _ id: String, _ draft: ScorecardTemplateDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> ConfigurationWrites.Put<ScorecardTemplate> {
        try ConfigurationWrites.put(
            id, context: context, in: store, load: store.scorecardTemplate(id:),
            make: { draft.template(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.scorecardTemplate(id:), remove: store.deleteScorecardTemplate)
    }
}
