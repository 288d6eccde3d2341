import Engine
import HTTP

/// Webhooks and their delivery logs: admin keys only, since they name receivers and hold secrets.
enum WebhookRoutes {
    static let all: [RouteSpec] = ConfigurationRoutes(
        collection: "/v1/webhooks", tag: "webhooks", schema: "Webhook", readAccess: .admin,
        putSummary: "Create or replace a webhook: an http(s) URL, the kinds it subscribes to (notification.<kind> for every message "
            + "a member's inbox receives; event.recorded, event.reversed, badge.earned, tier.changed, goal.level_reached, "
            + "leaderboard.period_closed, redemption.pending|fulfilled|cancelled, quest.completed; a family such as "
            + "notification.*; or *) and a secret of 16 to 256 bytes, which is never shown again (leave it out to keep the "
            + "current one). Rows written after the webhook exists are delivered to it as POSTs signed with Laurel-Signature; "
            + "see WebhookDeliveryBody.",
        putRefusals: [(422, "A new webhook without a secret.", "Problem")],
        getSummary: "One webhook, without its secret.",
        deleteSummary: "Delete a webhook and its delivery log: nothing more is sent to it (an attempt in flight still ends).",
        parse: WebhookDraft.parse, put: { try WebhookCommands.put($0, $1, context: $2, in: $3) },
        get: { try WebhookCommands.get($0, in: $1) }, list: { try WebhookCommands.list(page: $0, in: $1) },
        delete: { try WebhookCommands.delete($0, context: $1, in: $2) }
    ).routes + [
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
