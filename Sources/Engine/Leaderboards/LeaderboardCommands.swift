/// Leaderboards are program configuration: every key may read them, only admin keys change them.
public enum LeaderboardCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> Leaderboard {
        try ConfigurationWrites.get(id, load: store.leaderboard(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Leaderboard> {
        try store.leaderboards(page: page)
    }

    /// Refused (422) when the metric's currency, or a prize's badge or currency, does not exist. A new or changed board is ranked
    /// from the whole ledger at its next read.
    public static func put(
        _ id: String, _ draft: LeaderboardDraft, context: ChangeContext, in store: any StoreWriter
    ) throws -> ConfigurationWrites.Put<Leaderboard> {
        try ConfigurationWrites.put(
            id, context: context, in: store, load: store.leaderboard(id:),
            make: { draft.leaderboard(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save,
            missing: {
                // Badges on organization boards were refused by the draft already.
                try draft.metric.problems(in: store) + draft.prizes.enumerated().flatMap { index, prize in
                    try RewardGrant.problems(badge: prize.badge, award: prize.award, forOrganizations: false, at: "$.on_close[\(index)]", in: store)
                }
            })
    }

    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.leaderboard(id:), remove: store.deleteLeaderboard)
    }
}
