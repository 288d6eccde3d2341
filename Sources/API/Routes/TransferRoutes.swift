import Engine
import HTTP

/// Points moved inside one organization, as the program's transfer policy allows.
enum TransferRoutes {
    static let all: [RouteSpec] = [
        RouteSpec(
            "POST", "/v1/transfers", access: .anyKey,
            summary: "Move spendable points between a member and its organization, or between two members of one organization "
                + "(program.transfers). The receiver's points keep their earn date and expiry.",
            tag: "ledger", requestSchema: "TransferWrite",
            responses: [(201, "Moved: the posting as the sender sees it and both new balances.", "Transfer"),
                        (403, "Viewer keys, or a program that allows no transfers.", "Problem"),
                        (409, "More than the sender has available; the detail says how much. Nothing was written.", "Problem"),
                        (422, "Unknown or invisible holders, another organization, or a currency that cannot be transferred.", "Problem")],
            idempotency: .byHeader(redacting: [])
        ) { context, _, respond in
            let draft: TransferDraft
            do { draft = try TransferDraft.parse(try context.jsonBody()) } catch { return respond(Problem.from(error).response) }
            let change = context.change
            let policy = context.environment.transferPolicy
            context.write({ try TransferCommands.transfer(draft, policy: policy, context: change, in: $0) }, respond: respond) {
                .json($0.json, status: 201)
            }
        },
    ]
}
