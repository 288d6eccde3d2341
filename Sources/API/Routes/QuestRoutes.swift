import Engine
import HTTP

/// Quests: admin keys define them; members join explicit ones through enrollments (by whoever
/// may manage the member), and everyone who may see a member reads where they stand.
enum QuestRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/quests/{id}", access: .admin,
            summary: "Create or replace a quest: ordered or unordered steps (an event of a type matching conditions, N times), rewards "
                + "per step and on completion (award, badge, boost), audience, automatic or explicit enrollment, an end and a deadline "
                + "N days after joining.",
            tag: "quests", requestSchema: "QuestWrite", responses: [(200, "Replaced.", "Quest"), (201, "Created.", "Quest")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/quests", parse: QuestDraft.parse,
                write: { id, draft, change, store in try QuestCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec("GET", "/v1/quests/{id}", access: .anyKey, summary: "One quest.", tag: "quests", responses: [(200, "The quest.", "Quest")]) {
            context, _, respond in
            respond(context.read { .json(try QuestCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/quests/{id}", access: .admin, summary: "Delete a quest; members' progress and what they were given stay.",
            tag: "quests", responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try QuestCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/quests", access: .anyKey, summary: "List quests, ordered by id.", tag: "quests", query: [.limit, .cursor],
            responses: [(200, "A page of quests.", "QuestPage")]
        ) { context, query, respond in
            respond(context.read { .page(try QuestCommands.list(page: query.page(), in: $0), \.json) })
        },
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
