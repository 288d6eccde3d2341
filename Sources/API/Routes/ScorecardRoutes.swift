import Engine
import HTTP

/// Scorecard templates: admin keys define how suppliers are scored; every key may read them.
enum ScorecardRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/scorecard-templates", tag: "scorecards", schema: "ScorecardTemplate",
        putSummary: "Create or replace a scorecard template: KPIs (on_time with a lateness curve, duration in hours, a 1–5 rating "
            + "on a dimension as 0–100, the rate of a flag in %), each scored linearly from its floor (0) to its target (100) and "
            + "weighted; a rolling window and a half-life for time decay; a prior (a mean with the weight of N interactions); the "
            + "interactions below which a scorecard is provisional; and bands covering 0–100, each with a renewal recommendation.",
        deleteSummary: "Delete a scorecard template.",
        parse: ScorecardTemplateDraft.parse, put: { try ScorecardTemplateCommands.put($0, $1, context: $2, in: $3) },
        get: { try ScorecardTemplateCommands.get($0, in: $1) }, list: { try ScorecardTemplateCommands.list(page: $0, in: $1) },
        delete: { try ScorecardTemplateCommands.delete($0, context: $1, in: $2) }
    ).routes
}
