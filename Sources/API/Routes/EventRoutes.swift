import Engine
import HTTP

/// Events: partner portals and back offices report what happened; the answer says what it earned.
enum EventRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/events", access: .anyKey,
            summary: "Record an event and award what the live rules say it is worth, in one durable transaction. "
                + "Idempotent by the event's id: the same event again answers the stored outcome.",
            tag: "events", requestSchema: "EventWrite",
            responses: [(201, "Recorded; the outcome lists postings, new balances and each rule's decision.", "EventOutcome"),
                        (200, "Already recorded with the same content (Idempotent-Replayed: true).", "EventOutcome"),
                        (422, "Unknown member or organization, a time outside the accepted window, or the id used for another event.", "Problem")]
        ) { context, _, respond in
            let draft: EventDraft
            do {
                draft = try EventDraft.parse(try context.jsonBody(), now: context.now)
            } catch {
                return respond(Problem.from(error).response)
            }
            let change = context.change
            let environment = context.environment
            context.write({ store in
                try EventProcessor.process(
                    draft, rules: try environment.ruleBook.live(in: store), context: change,
                    timeZone: environment.timeZone, in: store)
            }, respond: respond) { result in
                if result.replayed {
                    return HTTPResponse.json(result.outcome).with(header: "Idempotent-Replayed", "true")
                }
                return HTTPResponse.json(result.outcome, status: 201).with(header: "Location", "/v1/events/\(result.event.id)")
            }
        },
        RouteSpec(
            "GET", "/v1/events/{id}", access: .anyKey, summary: "One event with what it caused.", tag: "events",
            responses: [(200, "The event's outcome.", "EventOutcome")]
        ) { context, _, respond in
            respond(context.read { store in
                let id = context.parameter("id")
                guard let event = try store.event(id: id), context.caller.canSee(organizationID: event.organizationID ?? "")
                else { throw DomainError.notFound(kind: "event", id: id) }
                return .json(try store.eventOutcome(id: id) ?? event.json)
            })
        },
        RouteSpec(
            "GET", "/v1/events", access: .anyKey, summary: "Events, newest first.", tag: "events",
            query: [
                QueryParameter("member_id", "Only this member's events."),
                QueryParameter("organization_id", "Only this organization's events."),
                QueryParameter("type", "Only events of this type.", rule: .text(.text(max: 64))),
                QueryParameter("from", "Occurred at or after (RFC 3339).", rule: .dateTime),
                QueryParameter("to", "Occurred before (RFC 3339); after from.", rule: .dateTime),
                .limit, .cursor,
            ],
            responses: [(200, "A page of events.", "EventPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let range = try query.range()
                var filter = EventFilter(
                    memberID: query.filter("member_id"),
                    organizationID: query.filter("organization_id"),
                    type: query.filter("type"),
                    from: range.from, until: range.until)
                if context.caller.role == .partner {
                    let own = context.caller.organizationID ?? ""
                    if let asked = filter.organizationID, asked != own { return .page(Page<Event>(items: [], nextAfter: nil), \.json) }
                    filter.organizationID = own
                }
                return .page(try store.events(filter, page: query.page()), \.json)
            })
        },
    ]
}
