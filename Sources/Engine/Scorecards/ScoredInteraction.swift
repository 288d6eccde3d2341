/// What scoring reads of an interaction under one template: its id and reference (to name it
/// among those that pulled a KPI down), its completion time (window and decay), and its sample on
/// each of the template's KPIs, in the template's order. The in-memory scorecards keep these, not
/// whole interactions: a tenth of the memory, and nothing to work out again on every read.
public struct ScoredInteraction: Sendable, Equatable {
    public var id: String
    public var reference: String?
    public var completedAt: Timestamp
    /// One per KPI of the template; nil where the interaction says nothing about it.
    public var samples: [Double?]

    public init(_ interaction: Interaction, template: ScorecardTemplate) {
        id = interaction.id
        reference = interaction.reference
        completedAt = interaction.completedAt
        samples = template.kpis.map(interaction.sample(of:))
    }
}
