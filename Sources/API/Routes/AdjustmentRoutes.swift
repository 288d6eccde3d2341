import Engine
import HTTP

/// Admin corrections of balances: one audited `adjust` posting each.
enum AdjustmentRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/adjustments", access: .admin,
            summary: "Credit (positive amount) or debit (negative) a member or an organization, with a reason.",
            tag: "ledger", requestSchema: "AdjustmentWrite",
            responses: [(201, "Booked: the posting as the holder sees it and the holder's new balance.", "Adjustment"),
                        (409, "A debit above the available balance; the detail says how much is available. Nothing was written.", "Problem"),
                        (422, "Unknown member, organization or currency.", "Problem")],
            idempotency: .byHeader(redacting: [])
        ) { context, _, respond in
            let draft: AdjustmentDraft
            do { draft = try AdjustmentDraft.parse(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            context.write({ try AdjustmentCommands.adjust(draft, context: change, in: $0) }, respond: respond) { adjusted in
                .json(adjusted.json, status: 201)
            }
        },
    ]
}
