import Engine
import HTTP

/// Message templates, one per trigger (award, badge, tier_up, goal_level, redemption_status):
/// what a member's inbox receives when that happens to them.
enum MessageTemplateRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "PUT", "/v1/message-templates/{id}", access: .admin,
            summary: "Create or replace the template of a trigger (the id): title and body with {{placeholders}} the trigger offers, "
                + "and tips shown in turn. From then on each such occasion leaves the member a message, in the same transaction.",
            tag: "notifications", requestSchema: "MessageTemplateWrite",
            responses: [(200, "Replaced.", "MessageTemplate"), (201, "Created.", "MessageTemplate"), (404, "No such trigger.", "Problem")]
        ) { context, _, respond in
            PutHandler.handle(
                context, respond: respond, collection: "/v1/message-templates", parse: { try MessageTemplateDraft.parse($0, trigger: $1) },
                write: { _, parsed, change, store in try MessageTemplateCommands.put(parsed.0, parsed.1, context: change, in: store) },
                render: { ($0.object.json, $0.created) })
        },
        RouteSpec(
            "GET", "/v1/message-templates/{id}", access: .anyKey, summary: "The template of a trigger.", tag: "notifications",
            responses: [(200, "The template.", "MessageTemplate")]
        ) { context, _, respond in
            respond(context.read { .json(try MessageTemplateCommands.get(context.parameter("id"), in: $0).json) })
        },
        RouteSpec(
            "DELETE", "/v1/message-templates/{id}", access: .admin, summary: "Delete a template: its trigger sends nothing from then on.",
            tag: "notifications", responses: [(204, "Deleted.", nil)]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try MessageTemplateCommands.delete(id, context: change, in: $0) }, respond: respond) { .noContent }
        },
        RouteSpec(
            "GET", "/v1/message-templates", access: .anyKey, summary: "Every template, by trigger.", tag: "notifications",
            responses: [(200, "The templates.", "MessageTemplatePage")]
        ) { context, _, respond in
            respond(context.read { .page(Page(items: try MessageTemplateCommands.list(in: $0), nextAfter: nil), \.json) })
        },
    ]
}
