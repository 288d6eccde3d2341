import Engine
import HTTP

/// Cancelling an event: its awards are clawed back through the ledger, never deleted.
enum ReversalRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/events/{id}/reverse", access: .anyKey,
            summary: "Reverse an event (a deal cancelled): every posting it caused is reversed, what the holder already "
                + "spent becomes debt, and the event stops counting for counters, sums and rule limits. "
                + "Reversing again changes nothing and answers the same.",
            tag: "events",
            responses: [(200, "Reversed (now or before): the event, the reversal postings and the new balances.", "EventReversal"),
                        (403, "Viewer keys cannot reverse events.", "Problem"),
                        (404, "No such event, or outside a partner key's organization.", "Problem")]
        ) { context, _, respond in
            let id = context.parameter("id")
            let change = context.change
            context.write({ try EventReversal.reverse(eventID: id, context: change, in: $0) }, respond: respond) { .json($0) }
        },
    ]
}
