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
    /// The suppliers with a counted interaction under the template completed at or after `from`, by id.
    func interactionSuppliers(templateID: String, completedFrom from: Timestamp) throws -> [String]
    /// The template of the supplier's most recent interaction.
    func latestInteractionTemplate(supplierID: String) throws -> String?
}

public protocol InteractionWriter: InteractionReader {
    func insert(_ interaction: Interaction, answer: JSONValue) throws
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
