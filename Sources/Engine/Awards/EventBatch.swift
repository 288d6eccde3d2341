/// Many events in one write transaction: an event that fails is undone alone and its neighbours
/// keep what they did. Events run in order, so a later one sees the counters, limits and ids of the
/// earlier ones exactly as if they had been posted one by one.
public enum EventBatch {
    /// Events in one batch at most: bounds the time one batch holds the writer.
    public static let eventsMax = 1_000

    /// What became of one event: processed (new or replayed) or refused with the engine's reason.
    public typealias Answer = Result<EventProcessor.Result, DomainError>

    /// `drafts` holds, per event, the draft or the shape problem found before the writer; refused
    /// ones are answered as they are. Storage failures are not an event's fault: they end the
    /// whole batch, and nothing of it is kept.
    ///
    /// Events run bare at first: a savepoint around each would copy every page it changes into
    /// SQLite's sub-journal, most of a batch's cost beside the events themselves. An event refused
    /// before it wrote anything (unknown member, a reused id…: nearly every refusal) needs no
    /// undoing; one refused after writing makes the batch throw `WriteAgain`, and the store runs it
    /// again in a savepoint of its own, where each event gets one too.
    public static func process(
        _ drafts: [Result<EventDraft, DomainError>], rules: [AwardPlanner.LiveRule], context: ChangeContext,
        timeZone: ProgramTimeZone = .utc, in store: any StoreWriter
    ) throws -> [Answer] {
        let eachInSavepoint = store.runsInOwnSavepoint()
        return try drafts.map { parsed in
            switch parsed {
            case .failure(let problem):
                return .failure(problem)
            case .success(let draft):
                let process = { try EventProcessor.process(draft, rules: rules, context: context, timeZone: timeZone, in: store) }
                if eachInSavepoint {
                    do { return .success(try store.atomically(process)) } catch let refused as DomainError { return .failure(refused) }
                }
                let rowsBefore = store.rowsWritten()
                do {
                    return .success(try process())
                } catch let refused as DomainError {
                    guard store.rowsWritten() == rowsBefore else { throw WriteAgain() }
                    return .failure(refused)
                }
            }
        }
    }
}
