import Engine
import HTTP

/// Disputes: a supplier or partner contests an interaction or an event; an admin upholds or voids it.
enum DisputeRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/disputes", access: .anyKey,
            summary: "Open a dispute about an interaction or an event the key can see, with a reason. While it is open, a disputed "
                + "interaction counts in no score. Idempotent by the Idempotency-Key header.",
            tag: "scorecards", requestSchema: "DisputeWrite",
            responses: [(201, "Opened.", "Dispute"), (403, "A viewer key.", "Problem"),
                        (404, "No such interaction or event, or not the key's.", "Problem"),
                        (409, "The record already has an open dispute.", "Problem")],
            idempotency: .byHeader(redacting: [])
        ) { context, _, respond in
            let opening: DisputeCommands.Opening
            do { opening = try DisputeCommands.parseOpening(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let id = GeneratedID.make(prefix: "dsp")
            context.write({ try DisputeCommands.open(opening, id: id, context: change, in: $0) },
                          respond: context.environment.foldingScorecards(after: respond)) { dispute in
                HTTPResponse.json(dispute.json, status: 201).with(header: "Location", "/v1/disputes/\(dispute.id)")
            }
        },
        RouteSpec(
            "GET", "/v1/disputes", access: .anyKey, summary: "Disputes, newest first; a partner key sees its own organization's.",
            tag: "scorecards",
            query: [QueryParameter("organization_id", "Only this organization's."),
                    QueryParameter("status", "Only open, upheld or voided ones.", rule: .choice(of: Dispute.Status.self)), .limit, .cursor],
            responses: [(200, "A page of disputes.", "DisputePage")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try DisputeCommands.list(
                    organizationID: query.filter("organization_id"), status: query.choice("status", as: Dispute.Status.self),
                    page: query.page(), as: context.caller, in: store), \.json)
            })
        },
        RouteSpec(
            "GET", "/v1/disputes/{id}", access: .anyKey, summary: "One dispute.", tag: "scorecards",
            responses: [(200, "The dispute.", "Dispute"), (404, "No such dispute, or not the key's.", "Problem")]
        ) { context, _, respond in
            respond(context.read { .json(try DisputeCommands.get(context.parameter("id"), as: context.caller, in: $0).json) })
        },
        RouteSpec(
            "POST", "/v1/disputes/{id}/resolve", access: .admin,
            summary: "Decide a dispute: uphold (the record stands and counts again) or void (an interaction is excluded from every score "
                + "for good; an event is reversed with everything it awarded), with a note. Audited.",
            tag: "scorecards", requestSchema: "DisputeResolution",
            responses: [(200, "Resolved.", "Dispute"), (404, "No such dispute.", "Problem"), (409, "Already resolved.", "Problem")]
        ) { context, _, respond in
            let decision: (Dispute.Decision, String?)
            do { decision = try DisputeCommands.parseDecision(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let id = context.parameter("id")
            let change = context.change
            context.write({ try DisputeCommands.resolve(id, decision: decision.0, note: decision.1, context: change, in: $0) },
                          respond: context.environment.foldingScorecards(after: respond)) {
                .json($0.json)
            }
        },
    ]
}
