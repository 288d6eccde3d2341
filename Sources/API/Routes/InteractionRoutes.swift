import Engine
import HTTP

/// Interactions and scorecards: the buyer's systems record each piece of work a supplier delivers
/// and get the supplier's updated scorecard back; whoever may see the supplier reads them.
enum InteractionRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/interactions", access: .anyKey,
            summary: "Record an interaction (admin and integration keys): idempotent by its id. The answer scores it against its "
                + "template's KPIs and gives the supplier's updated scorecard; it is also an interaction.recorded event of the "
                + "supplier for the rules (properties on_time, hours_late, rating_<dimension>, flag_<flag>, score).",
            tag: "scorecards", requestSchema: "InteractionWrite",
            responses: [(201, "Recorded.", "InteractionOutcome"),
                        (200, "Already recorded with the same content (Idempotent-Replayed: true).", "InteractionOutcome"),
                        (403, "Viewer and partner keys.", "Problem"),
                        (422, "An unknown supplier, template or rating member, a completion outside the event window, or an id "
                            + "already used for another interaction.", "Problem")]
        ) { context, _, respond in
            let draft: InteractionDraft
            do { draft = try InteractionDraft.parse(try context.jsonBody(), now: context.now) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let environment = context.environment
            context.write({ store in
                try InteractionCommands.record(
                    draft, rules: try environment.ruleBook.live(in: store), context: change, timeZone: environment.timeZone,
                    scorecards: environment.scorecards, in: store)
            }, respond: environment.foldingScorecards(after: respond)) { recorded in
                recorded.replayed
                    ? HTTPResponse.json(bytes: recorded.body).with(header: "Idempotent-Replayed", "true")
                    : HTTPResponse.json(bytes: recorded.body, status: 201).with(header: "Location", "/v1/interactions/\(recorded.id)")
            }
        },
        RouteSpec(
            "GET", "/v1/interactions/{id}", access: .anyKey, summary: "One interaction, with the answer given when it was recorded.",
            tag: "scorecards", responses: [(200, "The interaction.", "InteractionOutcome"), (404, "No such interaction, or not the key's.", "Problem")]
        ) { context, _, respond in
            respond(context.read { .json(try InteractionCommands.get(context.parameter("id"), as: context.caller, in: $0)) })
        },
        RouteSpec(
            "GET", "/v1/interactions", access: .anyKey,
            summary: "Interactions, newest completed first; a partner key sees its own organization's as a supplier.", tag: "scorecards",
            query: [
                QueryParameter("supplier_id", "Only this supplier's."), QueryParameter("template_id", "Only under this template."),
                QueryParameter("from", "Completed at or after (RFC 3339).", rule: .dateTime),
                QueryParameter("to", "Completed before (RFC 3339); after from.", rule: .dateTime),
                .limit, .cursor,
            ],
            responses: [(200, "A page of interactions.", "InteractionPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let range = try query.range()
                let filter = InteractionFilter(
                    supplierID: query.filter("supplier_id"), templateID: query.filter("template_id"), from: range.from, to: range.until)
                return .page(try InteractionCommands.list(filter: filter, page: query.page(), as: context.caller, in: store), \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/organizations/{id}/scorecard", access: .anyKey,
            summary: "A supplier's scorecard under a template (template_id, else that of its latest interaction): the overall score, "
                + "each KPI's value, score, target and sample size with the interactions that pulled it down, the band and its renewal "
                + "recommendation with reasons, the gap to the next band, provisional below the template's minimum count, the trend (the snapshots kept at the end of the last three months), and its "
                + "standing among the template's suppliers (rank, peers, percentile; never another supplier's name or score).",
            tag: "scorecards",
            query: [QueryParameter("template_id", "The template (default: that of the latest interaction)."),
                    QueryParameter("period", "A closed month (2026-10): the scorecard and standing kept when it closed.")],
            responses: [(200, "The scorecard.", "Scorecard"),
                        (404, "No such organization (or not the key's), no such template, no interaction to score, or no snapshot of that period.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .json(try ScorecardCommands.view(
                    supplierID: context.parameter("id"), templateID: query.filter("template_id"), period: query.filter("period"),
                    as: context.caller, now: context.now, index: context.environment.scorecards, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/scorecards", access: .readAll,
            summary: "Every supplier scored under a template, ranked by the lower confidence bound of its overall score (Wilson, one-sided "
                + "95 %, over its effective interactions and the prior's weight), so one lucky rating does not top it. "
                + "The answer may be up to a second old, never older than a write answered before the request. Accept: text/csv for CSV.",
            tag: "scorecards",
            query: [QueryParameter("template_id", "The template (required)."),
                    QueryParameter("period", "A closed month (2026-10): the ranking kept when it closed."),
                    QueryParameter("limit", "Suppliers per page, 1 to 500; without it (and without cursor), the whole ranking.", rule: .limit),
                    .cursor],
            responses: [(200, "The ranking (or CSV).", "ScorecardRanking"), (403, "Partner keys.", "Problem"),
                        (404, "No such template, or no snapshot of that period.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in try rankingResponse(context, query, in: store) })
        }.offeringCSV(rankingCSVHeader),
    ]

    /// The whole current ranking (its rendered bytes reused while nothing changed), or a page of
    /// it, or of a closed period's.
    private static func rankingResponse(_ context: RequestContext, _ query: QueryParameters, in store: any StoreReader) throws -> HTTPResponse {
        guard let templateID = query.filter("template_id") else {
            throw Problem.invalid([ValidationError(path: "query.template_id", message: "is required")])
        }
        let csv = LedgerRoutes.wantsCSV(context.request)
        let render: (JSONValue) -> [UInt8] = { csv ? Self.csv($0) : JSONWriter.bytes($0) }
        let headers = HTTPHeaders([("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json")])
        let period = query.filter("period")
        let page: PageRequest? = query["limit"] == nil && query["cursor"] == nil ? nil : query.page()
        let index = context.environment.scorecards
        guard period != nil || page != nil else {
            let body = try ScorecardCommands.ranking(
                templateID: templateID, format: csv ? "csv" : "json", now: context.now, index: index, in: store, render: render)
            return HTTPResponse(status: 200, headers: headers, body: body)
        }
        let ranked = try ScorecardCommands.ranking(templateID: templateID, period: period, page: page, now: context.now, index: index, in: store)
        var document = ranked.document
        if var object = document.objectValue, let next = ranked.nextAfter {
            object["next_cursor"] = .string(Cursor.encode(next))
            document = .object(object)
        }
        return HTTPResponse(status: 200, headers: headers, body: render(document))
    }

    static let rankingCSVHeader = ["rank", "supplier_id", "supplier_name", "lower_bound", "overall", "band", "recommendation",
                                   "interactions", "provisional"]

    private static func csv(_ ranking: JSONValue) -> [UInt8] {
        var csv = CSVEncoder(header: rankingCSVHeader)
        for item in ranking.objectValue?["items"]?.arrayValue ?? [] {
            let entry = item.objectValue ?? JSONObject()
            let supplier = entry["supplier"]?.objectValue ?? JSONObject()
            csv.append([entry["rank"], supplier["id"], supplier["name"], entry["lower_bound"], entry["overall"], entry["band"],
                        entry["recommendation"], entry["interactions"], entry["provisional"]].map(CSVEncoder.text))
        }
        return Array(csv.text.utf8)
    }
}
