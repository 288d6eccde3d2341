import Engine
import HTTP

/// Quests: admin keys define them; members join explicit ones through enrollments (by whoever
/// may manage the member), and everyone who may see a member reads where they stand.
enum QuestRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/quests", tag: "quests", schema: "Quest",
        putSummary: "Create or replace a quest: ordered or unordered steps (an event of a type matching conditions, N times), rewards "
            + "per step and on completion (award, badge, boost), audience, automatic or explicit enrollment, an end and a deadline "
            + "N days after joining.",
        deleteSummary: "Delete a quest; what members were given stays, and their progress is kept as history (a quest created again under the id starts from none).",
        parse: QuestDraft.parse, put: { try QuestCommands.put($0, $1, context: $2, in: $3) }, get: { try QuestCommands.get($0, in: $1) },
        list: { try QuestCommands.list(page: $0, in: $1) }, delete: { try QuestCommands.delete($0, context: $1, in: $2) }
    ).routes + [
        RouteSpec(
            "POST", "/v1/quests/{id}/enrollments", access: .anyKey,
            summary: "Enroll a member in a quest now (explicit quests need it; for an automatic one it starts the deadline early). "
                + "Enrolling again answers the enrollment as it is.",
            tag: "quests", requestSchema: "QuestEnrollmentWrite",
            responses: [(201, "Enrolled.", "MemberQuest"), (200, "Already enrolled: the enrollment as it is.", "MemberQuest"),
                        (403, "A viewer key.", "Problem"),
                        (404, "No such quest, or no such member (or outside the key's organization).", "Problem"),
                        (422, "The quest is not open, or the member is not in its audience.", "Problem")]
        ) { context, _, respond in
            let memberID: String
            do { memberID = try QuestCommands.parseEnrollment(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let questID = context.parameter("id")
            let change = context.change
            context.write({ try QuestCommands.enroll(questID: questID, memberID: memberID, context: change, in: $0) }, respond: respond) {
                .json($0.entry, status: $0.created ? 201 : 200)
            }
        },
        RouteSpec(
            "GET", "/v1/quests/{id}/enrollments", access: .anyKey,
            summary: "Who joined the quest, by member id, with each one's status, steps and next step; a partner key sees its own "
                + "organization's members only.",
            tag: "quests", query: [.limit, .cursor],
            responses: [(200, "A page of enrollments.", "QuestEnrollmentPage"), (404, "No such quest.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try QuestView.enrollments(
                    questID: context.parameter("id"), as: context.caller, page: query.page(), now: context.now, in: store)) { $0 }
            })
        },
        RouteSpec(
            "GET", "/v1/quests/{id}/lift", access: .readAll,
            summary: "How the quest's completers compare with those who joined and did not complete it, on an event metric (the count "
                + "of event_type events, or the sum of their property) over the days after completing (after joining for the others), "
                + "and against their own days before; only members whose days after have passed count.",
            tag: "quests",
            query: [QueryParameter("event_type", "The event type measured (required).", rule: .text(.text(max: 64))),
                    QueryParameter("property", "Sum this numeric property instead of counting.", rule: .text(.word)),
                    QueryParameter("days", "The window after (and before), 1–365 (default 30).", rule: .integer(1...365, default: 30))],
            responses: [(200, "The comparison.", "QuestLift"), (403, "Partner keys.", "Problem"), (404, "No such quest.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                guard let eventType = query.filter("event_type") else {
                    throw Problem.invalid([ValidationError(path: "query.event_type", message: "is required")])
                }
                return .json(try QuestLift.build(
                    questID: context.parameter("id"), eventType: eventType, property: query.filter("property"),
                    days: Int64(query.integer("days")), now: context.now, in: store))
            })
        },
        RouteSpec(
            "GET", "/v1/members/{id}/quests", access: .anyKey,
            summary: "Where a member stands on quests: those joined (active, completed, expired) and the open ones they may join "
                + "(available: the first matching event joins; enrollable: enroll first), each step's progress and the next step.",
            tag: "quests", query: [.limit, .cursor],
            responses: [(200, "A page of the member's quests, by quest id.", "MemberQuestPage"),
                        (404, "No such member, or outside the key's organization.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try QuestView.member(context.parameter("id"), as: context.caller, page: query.page(), now: context.now, in: store)) { $0 }
            })
        },
    ]
}
