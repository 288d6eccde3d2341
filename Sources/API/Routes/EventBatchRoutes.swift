import Engine
import HTTP

/// Many events in one request, and events tried without being recorded.
enum EventBatchRoutes {
    static let all: [RouteSpec] = [batch, dryRun]

    static let batch = RouteSpec(
        "POST", "/v1/events/batch", access: .anyKey,
        summary: "Record up to 1,000 events in one durable transaction, in order: an event "
            + "that fails is undone alone and never affects its neighbours, and later events see earlier ones "
            + "(counters, limits, ids). Each event is answered on its own, as POST /v1/events would answer it, with "
            + "problem paths under `$.events[i]`; the batch itself answers 200 once processed, whatever its events' fates.",
        tag: "events", requestSchema: "EventBatch",
        responses: [(200, "Processed; one result per event, in order.", "EventBatchResult"),
                    (400, "The body is not an object with an `events` array.", "Problem"),
                    (413, "More than 1,000 events.", "Problem")]
    ) { context, _, respond in
        let drafts: [Result<EventDraft, DomainError>]
        let ids: [String?]
        do {
            let events = try batchEvents(try context.jsonBody())
            let now = context.now
            ids = events.map { $0.objectValue?["id"]?.stringValue }
            drafts = events.map { body in Result { () throws(DomainError) in try EventDraft.parse(body, now: now) } }
        } catch {
            return respond(Problem.from(error).response)
        }
        let change = context.change
        let environment = context.environment
        context.write({ store in
            try EventBatch.process(
                drafts, rules: try environment.ruleBook.live(in: store), context: change,
                timeZone: environment.timeZone, in: store)
        }, respond: respond) { answers in
            .json(.object(JSONObject([("results", .array(answers.enumerated().map { index, answer in
                result(index: index, id: ids[index], answer)
            }))])))
        }
    }

    static let dryRun = RouteSpec(
        "POST", "/v1/events/dry-run", access: .anyKey,
        summary: "Evaluate an event against the live rules without recording anything, with the same planner and facts "
            + "as POST /v1/events, and explain every rule on its type: each condition passed or failed and why, with the "
            + "fact values seen, computed amounts or why they could not be, limit notes. Counters include the event "
            + "being tried, as they do once it is recorded. Read-only: viewer keys may dry-run; partner keys only for "
            + "their own organization. `include_other_types: true` also lists rules on other event types.",
        tag: "events", requestSchema: "EventDryRun",
        responses: [(200, "What posting the event would do.", "DryRunResult"),
                    (422, "Unknown member or organization, a time outside the accepted window, or the id used for another event.", "Problem")]
    ) { context, _, respond in
        let draft: EventDraft
        let includeOtherTypes: Bool
        do {
            (draft, includeOtherTypes) = try dryRunDraft(try context.jsonBody(), now: context.now)
        } catch {
            return respond(Problem.from(error).response)
        }
        let environment = context.environment
        respond(context.read { store in
            .json(try EventDryRun.explain(
                draft, rules: try environment.ruleBook.live(in: store), includeOtherTypes: includeOtherTypes,
                context: context.change, timeZone: environment.timeZone, in: store))
        })
    }

    /// The events of a batch body, checked for shape and count before anything else.
    static func batchEvents(_ body: JSONValue) throws -> [JSONValue] {
        guard case .object(let object) = body else {
            throw Problem.invalid([ValidationError(path: "$", message: "must be a JSON object with an events array, not \(body.typeName)")])
        }
        var problems = object.keys.filter { $0 != "events" }.map { ValidationError(path: "$.\($0)", message: "unknown field") }
        guard case .array(let events)? = object["events"] else {
            problems.append(ValidationError(path: "$.events", message: "must be an array of events"))
            throw Problem.invalid(problems)
        }
        if events.isEmpty { problems.append(ValidationError(path: "$.events", message: "must hold at least one event")) }
        guard problems.isEmpty else { throw Problem.invalid(problems) }
        guard events.count <= EventBatch.eventsMax else {
            throw Problem(
                status: 413, title: "Payload too large",
                detail: "A batch holds at most \(EventBatch.eventsMax) events; this one has \(events.count). Split it.")
        }
        return events
    }

    /// A dry-run body is an event body plus the optional `include_other_types` flag.
    static func dryRunDraft(_ body: JSONValue, now: Timestamp) throws -> (EventDraft, Bool) {
        guard case .object(var object) = body else { return (try EventDraft.parse(body, now: now), false) }
        var includeOtherTypes = false
        if let flag = object["include_other_types"] {
            guard case .bool(let value) = flag else {
                throw Problem.invalid([ValidationError(path: "$.include_other_types", message: "must be true or false")])
            }
            includeOtherTypes = value
            object["include_other_types"] = nil
        }
        return (try EventDraft.parse(.object(object), now: now), includeOtherTypes)
    }

    /// One event's answer: its status and outcome, or its status and problem with paths under
    /// `$.events[index]`.
    static func result(index: Int, id: String?, _ answer: EventBatch.Answer) -> JSONValue {
        var object = JSONObject([("index", .int(Int64(index))), ("id", id.map(JSONValue.string) ?? .null)])
        switch answer {
        case .success(let processed):
            object["status"] = .int(processed.replayed ? 200 : 201)
            object["outcome"] = processed.outcome
        case .failure(let error):
            let problem = Problem.from(error.nested(under: "$.events[\(index)]"))
            object["status"] = .int(Int64(problem.status))
            object["problem"] = problem.json
        }
        return .object(object)
    }
}
