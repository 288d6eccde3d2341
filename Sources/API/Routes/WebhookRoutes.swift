import Engine
import HTTP

/// Webhooks and their delivery logs: admin keys only, since they name receivers and hold secrets.
enum WebhookRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/webhooks/{id}", access: .admin,
            summary: "Create or replace a webhook: an http(s) URL, the kinds it subscribes to (notification.<kind> for every message "
                + "a member's inbox receives; event.recorded, event.reversed, badge.earned, tier.changed, goal.level_reached, "
                + "leaderboard.period_closed, redemption.pending|fulfilled|cancelled, quest.completed; a family such as "
                + "notification.*; or *) and a secret of 16 to 256 bytes, which is never shown again (leave it out to keep the "
                + "current one). Rows written after the webhook exists are delivered to it as POSTs signed with Laurel-Signature; "
                + "see WebhookDeliveryBody.",
            tag: "webhooks", requestSchema: "WebhookWrite",
            responses: [(200, "Replaced.", "Webhook"), (201, "Created.", "Webhook"), (422, "A new webhook without a secret.", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/webhooks", parse: WebhookDraft.parse,
                write: { id, draft, change, store in try WebhookCommands.put(id, draft, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/webhooks/{id}", access: .admin, summary: "One webhook, without its secret.", tag: "webhooks",
            responses: [(200, "The webhook.", "Webhook")]
        ) { context, _, respond in
            respond(context.read { .json(try WebhookCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/webhooks/{id}", access: .admin,
            summary: "Delete a webhook and its delivery log: nothing more is sent to it (an attempt in flight still ends).",
            tag: "webhooks", responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try WebhookCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/webhooks", access: .admin, summary: "List webhooks, ordered by id.", tag: "webhooks", query: [.limit, .cursor],
            responses: [(200, "A page of webhooks.", "WebhookPage")]
        ) { context, query, respond in
            respond(context.read { .page(try WebhookCommands.list(page: query.page(), in: $0), \.json) })
        },
        RouteSpec(
            "GET", "/v1/webhooks/{id}/deliveries", access: .admin,
            summary: "A webhook's deliveries, newest outbox row first: status, attempts, the last answer or error, and when the next "
                + "attempt is due. Within a lane (a member, else an organization, else the program) deliveries go strictly in order: "
                + "a pending one with no next_attempt_at waits for an earlier one.",
            tag: "webhooks", query: [status, .limit, .cursor],
            responses: [(200, "A page of deliveries.", "WebhookDeliveryPage")]
        ) { context, query, respond in
            respond(context.read { store in
                .page(try WebhookCommands.deliveries(
                    webhookID: context.parameter("id"), status: query.choice("status", as: WebhookDelivery.Status.self),
                    page: query.page(), in: store), \.json)
            })
        },
        RouteSpec(
            "POST", "/v1/webhooks/{id}/deliveries/{delivery_id}/retry", access: .admin,
            summary: "Put a failed delivery back in its lane with a fresh retry window, under the same delivery id; it is attempted "
                + "once the lane's delivery in progress, if any, is finished.",
            tag: "webhooks",
            responses: [(200, "Queued again.", "WebhookDelivery"), (409, "The delivery has not failed.", "Problem")]
        ) { context, _, respond in
            let webhookID = context.parameter("id")
            let deliveryID = context.parameter("delivery_id")
            let change = context.change
            context.write({ try WebhookCommands.retry(webhookID: webhookID, deliveryID: deliveryID, context: change, in: $0) },
                          respond: respond) { .json($0.json) }
        },
    ]

    static let status = QueryParameter(
        "status", "pending, retrying, delivered or failed.", rule: .choice(of: WebhookDelivery.Status.self))
}
