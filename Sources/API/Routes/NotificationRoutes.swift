import Engine
import HTTP

/// A member's inbox of notifications (rules' `notify` effects so far), and marking them read.
enum NotificationRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/members/{id}/notifications", access: .anyKey,
            summary: "A member's notifications, newest first; unread=true lists only those not yet read.", tag: "notifications",
            query: [QueryParameter("unread", "true for the unread ones only (default false).", rule: .boolean(default: false)), .limit, .cursor],
            responses: [(200, "A page of notifications.", "NotificationPage"), (404, "No such member, or outside the key's organization.", "Problem")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try NotificationInbox.page(
                    memberID: context.parameter("id"), unreadOnly: query.bool("unread"), page: query.page(), as: context.caller, in: store
                )) { $0.json }
            })
        },
        RouteSpec(
            "POST", "/v1/members/{id}/notifications/read", access: .anyKey,
            summary: "Mark a member's notifications read: those listed in ids, or every unread one for {}. Marking again changes nothing.",
            tag: "notifications", requestSchema: "NotificationsRead",
            responses: [(200, "How many were marked now.", "NotificationsMarked"),
                        (403, "A viewer key.", "Problem"), (404, "No such member, or outside the key's organization.", "Problem")]
        ) { context, _, respond in
            let ids: [Int64]?
            do { ids = try NotificationInbox.parseIDs(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let memberID = context.parameter("id")
            context.write({ try NotificationInbox.markRead(memberID: memberID, ids: ids, context: change, in: $0) }, respond: respond) {
                .json(.object(JSONObject([("marked", .int(Int64($0)))])))
            }
        },
    ]
}
