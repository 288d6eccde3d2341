import Engine

/// Scorecard templates, kept like the other configuration kinds.
extension InMemoryTransaction {
    func scorecardTemplate(id: String) throws -> ScorecardTemplate? { state.scorecardTemplates[id] }

    func scorecardTemplates(page request: PageRequest) throws -> Page<ScorecardTemplate> {
        let rest = state.scorecardTemplates.values.sorted { $0.id < $1.id }.filter { $0.id > (request.after ?? "") }
        return Page(fetched: Array(rest.prefix(request.limit + 1)), limit: request.limit, key: \.id)
    }

    func save(_ template: ScorecardTemplate) throws { state.scorecardTemplates[template.id] = template }

    func deleteScorecardTemplate(id: String) throws { state.scorecardTemplates[id] = nil }
}
