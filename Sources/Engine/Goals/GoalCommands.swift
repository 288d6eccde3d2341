/// Goals are program configuration: every key may read them, only admin keys change them.
public enum GoalCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Goal {
        try ConfigurationWrites.get(id, load: store.goal(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Goal> {
        try store.goals(page: page)
    }

    /// Refused (422) when the metric's currency, or a level's badge or currency, does not exist.
    public static func put(_ id: String, _ draft: GoalDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<Goal> {
        try ConfigurationWrites.put(
            id, context: context, in: store, load: store.goal(id:),
            make: { draft.goal(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save,
            missing: {
                try draft.metric.problems(in: store) + draft.levels.enumerated().flatMap { index, level in
                    try RewardGrant.problems(
                        badge: level.badge, award: level.award, forOrganizations: draft.subject == .organization, at: "$.levels[\(index)]",
                        in: store)
                }
            })
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.goal(id:), remove: store.deleteGoal)
    }
}
