public protocol ScorecardReader {
    func scorecardTemplate(id: String) throws -> ScorecardTemplate?
    /// Ordered by id.
    func scorecardTemplates(page: PageRequest) throws -> Page<ScorecardTemplate>
}

public protocol ScorecardWriter: ScorecardReader {
    /// Inserts or replaces by id.
    func save(_ template: ScorecardTemplate) throws
    func deleteScorecardTemplate(id: String) throws
}

public protocol InteractionReader {
    func interaction(id: String) throws -> Interaction?
    /// The answer given when the interaction was recorded, for a replay.
    func interactionAnswer(id: String) throws -> JSONValue?
    /// A supplier's interactions under a template completed at or after `from` that count (not
    /// disputed or voided), oldest first.
    func interactions(supplierID: String, templateID: String, completedFrom from: Timestamp) throws -> [Interaction]
    /// Newest completed first, optionally of one supplier and/or template and within [from, to).
    func interactions(filter: InteractionFilter, page: PageRequest) throws -> Page<Interaction>
    /// Every supplier's counted interactions under the template completed at or after `from`,
    /// oldest first (so each supplier's are in their order).
    func interactions(templateID: String, completedFrom from: Timestamp) throws -> [Interaction]
    /// The same, one at a time, so that loading a large template never holds them all at once.
    func forEachInteraction(templateID: String, completedFrom from: Timestamp, _ body: (Interaction) throws -> Void) throws
    /// The last seq of the interaction log (0 when empty).
    func interactionLogPosition() throws -> Int64
    /// Interactions recorded or changed after `seq`, in commit order, each as it is now.
    func interactionLog(after seq: Int64, limit: Int) throws -> [LoggedInteraction]
    /// The supplier's interactions under the template recorded or changed after `seq`, each as it
    /// is now, once each; nil when more than `rowsMax` log rows of any supplier follow `seq` (the
    /// log is walked in order, not indexed by supplier).
    func interactionLog(after seq: Int64, supplierID: String, templateID: String, rowsMax: Int64) throws -> [Interaction]?
    /// The template of the supplier's most recent interaction.
    func latestInteractionTemplate(supplierID: String) throws -> String?
}

/// A line of the interaction log: an interaction recorded or whose status changed.
public struct LoggedInteraction: Sendable {
    public var seq: Int64
    public var interaction: Interaction

    public init(seq: Int64, interaction: Interaction) {
        self.seq = seq
        self.interaction = interaction
    }
}

public protocol InteractionWriter: InteractionReader {
    /// `answer` is the JSON text sent back: kept as it was sent, for replays and `GET`.
    func insert(_ interaction: Interaction, answer: [UInt8]) throws
}

public struct InteractionFilter: Sendable, Equatable {
    public var supplierID: String?
    public var templateID: String?
    public var from: Timestamp?
    public var to: Timestamp?

    public init(supplierID: String? = nil, templateID: String? = nil, from: Timestamp? = nil, to: Timestamp? = nil) {
        self.supplierID = supplierID
        self.templateID = templateID
        self.from = from
        self.to = to
    }
}

/// Scorecards as they stood at the end of closed periods.
public protocol ScorecardSnapshotReader {
    /// Whether the period was taken for the template.
    func scorecardPeriodTaken(templateID: String, period: String) throws -> Bool
    /// The period's snapshots, best rank first; nil when it was not taken.
    func scorecardSnapshots(templateID: String, period: String) throws -> [ScorecardSnapshot]?
    /// A supplier's latest snapshots under the template, newest period first.
    func scorecardSnapshots(supplierID: String, templateID: String, limit: Int) throws -> [ScorecardSnapshot]
}

public protocol ScorecardSnapshotWriter: ScorecardSnapshotReader {
    /// Records the period as taken with its snapshots, once: a period already taken is kept as it is.
    func saveScorecardPeriod(templateID: String, period: String, endedAt: Timestamp, takenAt: Timestamp, snapshots: [ScorecardSnapshot]) throws
}

extension InteractionReader {
    public func forEachInteraction(templateID: String, completedFrom from: Timestamp, _ body: (Interaction) throws -> Void) throws {
        for interaction in try interactions(templateID: templateID, completedFrom: from) { try body(interaction) }
    }
}
