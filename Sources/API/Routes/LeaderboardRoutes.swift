import Engine
import HTTP

/// Leaderboards: admin keys define them; every key reads the rankings. Members who keep their
/// profile private are ranked but shown anonymously to keys outside their organization.
enum LeaderboardRoutes {
    static let period = QueryParameter(
        "period", "current (the default), or a past period of the board: 2026-11-23, 2026-W47, 2026-11, 2026-Q4, 2026.",
        rule: .text(.text(max: 16)))
    static let partition = QueryParameter(
        "partition", "Required on a partitioned board: the partition to rank (a tier level, segment, role, kind or size band).",
        rule: .text(.text(max: 200)))
    static let asMember = QueryParameter(
        "as_member", "The member the board is shown to: shown by name even with a private profile.")
    static let radius = QueryParameter(
        "radius", "Entries shown above and below the subject, 0 to 50 (default 5).", rule: .integer(0...LeaderboardStandings.radiusMax, default: 5))
    static let periodCount = QueryParameter(
        "limit", "Closed periods, newest first, 1 to 24 (default 6).", rule: .integer(1...LeaderboardStandings.periodsMax, default: 6))
    static let csvHeader = ["rank", "score", "subject_id", "name", "organization_id", "reached_at"]

    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/leaderboards/{id}", access: .admin,
            summary: "Create or replace a leaderboard: metric, subject, period, partitions and filters. It is ranked from the whole ledger.",
            tag: "leaderboards", requestSchema: "LeaderboardWrite",
            responses: [(200, "Replaced.", "Leaderboard"), (201, "Created.", "Leaderboard")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/leaderboards", parse: LeaderboardDraft.parse,
                write: { id, draft, change, store in try LeaderboardCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/leaderboards/{id}", access: .anyKey,
            summary: "The board and a page of its ranking for a period and partition: rank (ties share one: 1, 2, 2, 4; "
                + "whoever got there first is listed first), score and who. Accept: text/csv for CSV.",
            tag: "leaderboards", query: [period, partition, asMember, .limit, .cursor],
            responses: [(200, "The board and a page of entries (or CSV).", "LeaderboardStandings"),
                        (503, "The boards are being ranked from a large ledger (at start, or a new board); see Retry-After.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                let standings = try standings(context, query, in: store)
                let page = try standings.page(period: query.filter("period"), partition: query.filter("partition"), page: query.page())
                if LedgerRoutes.wantsCSV(context.request) { return csv(page) }
                return .json(.object(JSONObject(page.fields + [
                    ("items", .array(page.items)), ("next_cursor", page.nextAfter.map { .string(Cursor.encode($0)) } ?? .null),
                ])))
            })
        }.offeringCSV(csvHeader),
        RouteSpec(
            "DELETE", "/v1/leaderboards/{id}", access: .admin, summary: "Delete a leaderboard.", tag: "leaderboards",
            responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try LeaderboardCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/leaderboards", access: .anyKey, summary: "List leaderboards, ordered by id.", tag: "leaderboards",
            query: [.limit, .cursor], responses: [(200, "A page of leaderboards.", "LeaderboardPage")]
        ) { context, query, respond in
            respond(context.read { .page(try LeaderboardCommands.list(page: query.page(), in: $0), \.json) })
        },
        RouteSpec(
            "GET", "/v1/leaderboards/{id}/subjects/{subject_id}", access: .anyKey,
            summary: "Where one subject stands: rank, score, the gap to the next rank up, and the entries around it. "
                + "A team's id is ORGANIZATION/TEAM. Partner keys ask only about their own organization.",
            tag: "leaderboards", query: [radius, period, partition, asMember],
            responses: [(200, "The subject's standing.", "LeaderboardSubjectStanding"),
                        (404, "No such board, or the subject is outside the key's organization.", "Problem"), (503, "The boards are being ranked from a large ledger (at start, or a new board); see Retry-After.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .json(try standings(context, query, in: store).subject(
                    context.parameter("subject_id"), radius: query.integer("radius"), period: query.filter("period"),
                    partition: query.filter("partition")))
            })
        },
        RouteSpec(
            "GET", "/v1/leaderboards/{id}/periods", access: .anyKey,
            summary: "Closed periods of a calendar board, newest first, with the top three of each partition.",
            tag: "leaderboards", query: [periodCount, asMember],
            responses: [(200, "Closed periods and their winners.", "LeaderboardPeriods"), (503, "The boards are being ranked from a large ledger (at start, or a new board); see Retry-After.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .json(try standings(context, query, in: store).closedPeriods(count: query.integer("limit")))
            })
        },
        RouteSpec(
            "POST", "/v1/leaderboards/rebuild", access: .admin,
            summary: "Forget every board kept in memory and rank them all again from the ledger and the change log; "
                + "takes seconds on a large ledger, during which reads of boards answer 503 with Retry-After.",
            tag: "leaderboards", responses: [(200, "How many boards and subjects were ranked.", "LeaderboardRebuild")]
        ) { context, _, respond in
            let environment = context.environment
            let now = context.now
            environment.leaderboards.reset()
            // Seconds on a large ledger: off the event loop; reads answer 503 meanwhile.
            context.longRead({ store in
                let (boards, subjects) = try environment.leaderboards.refresh(in: store, now: now, timeZone: environment.timeZone)
                return .json(.object(JSONObject([("boards", .int(Int64(boards))), ("subjects", .int(Int64(subjects)))])))
            }, respond: respond)
        },
    ]

    private static func standings(_ context: RequestContext, _ query: QueryParameters, in store: any StoreReader) throws -> LeaderboardStandings {
        let environment = context.environment
        return LeaderboardStandings(
            context.parameter("id"), index: environment.leaderboards, now: context.now, timeZone: environment.timeZone,
            viewer: LeaderboardViewer(principal: context.caller, memberID: query.filter("as_member")), in: store)
    }

    private static func csv(_ page: LeaderboardPage) -> HTTPResponse {
        var csv = CSVEncoder(header: csvHeader)
        for item in page.items {
            let entry = item.objectValue ?? JSONObject()
            let subject = entry["subject"]?.objectValue ?? JSONObject()
            let text = CSVEncoder.text
            csv.append([text(entry["rank"]), text(entry["score"]), text(subject["id"]), text(subject["name"]),
                        text(subject["organization_id"]), text(entry["reached_at"])])
        }
        return .text(csv.text, contentType: "text/csv; charset=utf-8")
    }
}
