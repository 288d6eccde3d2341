/// Tier ladders are program configuration: every key may read them, only admin keys change them.
public enum TierCommands {
    public struct PutOutcome: Sendable {
        public var ladder: TierLadder
        public var created: Bool
    }

    public static func get(_ id: String, in store: any StoreReader) throws -> TierLadder {
        guard let ladder = try store.tierLadder(id: id) else { throw DomainError.notFound(kind: "tier_ladder", id: id) }
        return ladder
    }

    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<TierLadder> {
        try store.tierLadders(page: page)
    }

    /// The currency must exist (422 otherwise).
    public static func put(_ id: String, _ draft: TierLadderDraft, context: ChangeContext, in store: any StoreWriter) throws -> PutOutcome {
        try ConfigurationWrites.requireAdmin(context, TierLadder.self)
        if try store.currency(id: draft.currency) == nil {
            throw DomainError.unprocessable([ValidationError(path: "$.currency", message: "no such currency: \(draft.currency)")])
        }
        let put = try ConfigurationWrites.put(
            id, context: context, in: store, load: store.tierLadder(id:),
            make: { draft.ladder(id: id, createdAt: $0, updatedAt: context.at) }, save: store.save)
        return PutOutcome(ladder: put.object, created: put.created)
    }

    /// Holders' levels on the ladder are deleted with it.
    public static func delete(_ id: String, context: ChangeContext, in store: any StoreWriter) throws {
        try ConfigurationWrites.delete(id, context: context, in: store, load: store.tierLadder(id:), remove: store.deleteTierLadder)
    }

    /// `{"tiers": [...]}`: the holder's standing on every ladder of its kind, by ladder id. The
    /// caller must already have checked that it may see the holder.
    public static func standing(of holder: LedgerHolder, at: Timestamp, in store: any StoreReader) throws -> JSONValue {
        var items: [JSONValue] = []
        for ladder in try store.tierLadders(subject: TierSubject(holder)) {
            let state = try store.tierState(holder: holder, ladderID: ladder.id)
            let window = ladder.window.bounds(at: at)
            let amount = try store.earned(holder: holder, currency: ladder.currency, from: window.from, until: window.until)
            items.append(TierStanding(ladder: ladder, state: state, qualifying: amount).json)
        }
        return .object(JSONObject([("tiers", .array(items))]))
    }
}

/// Where a holder stands on one ladder and what the next level needs ("1 200 credits to Gold").
public struct TierStanding: Sendable, Equatable {
    public var ladder: TierLadder
    public var state: TierState?
    public var qualifying: Int64

    public init(ladder: TierLadder, state: TierState?, qualifying: Int64) {
        self.ladder = ladder
        self.state = state
        self.qualifying = qualifying
    }

    public var level: TierLevel { ladder.levels[ladder.levelIndex(of: state?.levelID)] }

    /// The level above the held one and how much more qualifying amount it needs; nil at the top.
    public var next: (level: TierLevel, needed: Int64)? {
        let index = ladder.levelIndex(of: state?.levelID) + 1
        guard index < ladder.levels.count else { return nil }
        let level = ladder.levels[index]
        return (level, max(0, level.threshold - qualifying))
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("ladder_id", .string(ladder.id)),
            ("level", .string(level.id)),
            ("since", state.map { .string($0.since.rfc3339) } ?? .null),
            ("qualifying_amount", .int(qualifying)),
            ("currency", .string(ladder.currency)),
            ("window", .string(ladder.window.rawValue)),
            ("next", next.map { next in
                .object(JSONObject([
                    ("level", .string(next.level.id)), ("threshold", .int(next.level.threshold)), ("needed", .int(next.needed)),
                ]))
            } ?? .null),
            ("benefits", level.benefits.json),
        ]))
    }
}
