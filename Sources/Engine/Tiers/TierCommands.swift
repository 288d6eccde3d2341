/// Tier ladders are program configuration: every key may read them, only admin keys change them.
public enum TierCommands {
    public static func get(_ id: String, in store: any StoreReader) throws -> TierLadder {
        try ConfigurationWrites.get(id, load: store.tierLadder(id:))
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<TierLadder> {
        try store.tierLadders(page: page)
    }

    /// The currencies and badges it names must exist (422 otherwise, with each path).
    public static func put(_ id: String, _ draft: TierLadderDraft, context: ChangeContext, in store: any StoreWriter) throws -> ConfigurationWrites.Put<TierLadder> {
        try ConfigurationWrites.requireAdmin(context, TierLadder.self)
        var problems: [ValidationError] = []
        if try store.currency(id: draft.currency) == nil {
            problems.append(ValidationError(path: "$.currency", message: "no such currency: \(draft.currency)"))
        }
        for (index, level) in draft.levels.enumerated() {
            for (position, criterion) in level.criteria.enumerated() {
                let path = "$.levels[\(index)].criteria[\(position)]"
                switch criterion.measure {
                case .earned(let currency, _) where try store.currency(id: currency) == nil:
                    problems.append(ValidationError(path: path + ".currency", message: "no such currency: \(currency)"))
                case .membersWithBadge(let badge) where try store.badge(id: badge) == nil:
                    problems.append(ValidationError(path: path + ".members_with_badge", message: "no such badge: \(badge)"))
                default:
                    break
                }
            }
        }
        if !problems.isEmpty { throw DomainError.unprocessable(problems) }
        return try ConfigurationWrites.put(
            id, context: context, in: store, load: store.tierLadder(id:),
            make: { draft.ladder(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
    }

    /// Holders' levels on the ladder are deleted with it.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.tierLadder(id:), remove: store.deleteTierLadder)
    }

    /// `{"tiers": [...]}`: the holder's standing on every ladder of its kind, by ladder id. The
    /// caller must already have checked that it may see the holder.
    public static func standing(
        of holder: LedgerHolder, at: Timestamp, timeZone: ProgramTimeZone, in store: any StoreReader
    ) throws -> JSONValue {
        var items: [JSONValue] = []
        for ladder in try store.tierLadders(subject: TierSubject(holder)) {
            var standing = TierStanding(
                ladder: ladder, state: try store.tierState(holder: holder, ladderID: ladder.id),
                measured: try TierMeasurer.measure(holder, on: ladder, at: at, timeZone: timeZone, in: store))
            standing.watch = try store.tierWatch(holder: holder, ladderID: ladder.id)
            standing.changes = try store.tierChanges(holder: holder, ladderID: ladder.id, limit: TierStanding.changesMax)
            if ladder.downgrade.policy == .atReview { standing.nextReviewAt = ladder.downgrade.review.nextReview(after: at, in: timeZone) }
            items.append(standing.json)
        }
        return .object(JSONObject([("tiers", .array(items))]))
    }
}
