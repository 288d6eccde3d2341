/// Everything a read can see, from one consistent snapshot.
public protocol StoreReader:
    DirectoryReader, CurrencyReader, BadgeReader, TierReader, LedgerEarningsReader, RuleReader, EventReader, LedgerReader,
    LedgerHistoryReader, RuleAwardReader, KeyReader, AuditReader, IdempotencyReader, RewardReader, EventTimelineReader,
    BoostReader, NotificationReader,
    JobReader, MaintenanceReader, TierReviewReader, LeaderboardReader, FeedReader, GoalReader, MessageTemplateReader,
    QuestReader, WebhookReader,
    ScorecardReader, ScorecardSnapshotReader, InteractionReader, DisputeReader, FeedbackReader, EngagementReader,
    AnalyticsReader {}

/// Everything a write can do, inside one transaction that commits or leaves no trace.
public protocol StoreWriter:
    StoreReader, DirectoryWriter, CurrencyWriter, BadgeWriter, TierWriter, RuleWriter, EventWriter, LedgerWriter, RuleAwardWriter,
    KeyWriter, AuditWriter, IdempotencyWriter, RewardWriter, BoostWriter, NotificationWriter,
    JobWriter, MaintenanceWriter, TierReviewWriter, LeaderboardWriter, GoalWriter, MessageTemplateWriter,
    QuestWriter, WebhookWriter,
    ScorecardWriter, ScorecardSnapshotWriter, InteractionWriter, DisputeWriter, FeedbackWriter, WriteRun {}

/// The program's durable state. Reads run on a snapshot; writes are queued to a single writer
/// that commits many of them together and answers each only after its commit.
public protocol ProgramStore: Sendable {
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T

    /// Runs `body` inside the writer's next transaction. `completion` gets the result after the
    /// COMMIT, or the error (and nothing of `body` was kept). It is called on the writer's thread.
    /// `body` may run more than once (earlier runs undone, e.g. when it throws `WriteAgain`), so it
    /// changes nothing but the store.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (any StoreWriter) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    )
}

extension ProgramStore {
    /// Blocking form of `write`, for the CLI and start-up; never from an event loop.
    public func writeAndWait<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) throws -> T {
        let box = ResultBox<T>()
        write(body) { box.set($0) }
        return try box.wait().get()
    }
}
