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
