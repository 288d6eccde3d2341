import Engine
import HTTP

/// A holder's ledger, newest first, as JSON pages or, with `Accept: text/csv`, as CSV whose next
/// page is in a `Link: <…>; rel="next"` header. Earn postings show how they were made (base amount,
/// tier multiplier, each boost's bonus: `EarnBreakdown`).
enum LedgerRoutes {
    static let query: [QueryParameter] = [QueryParameter("currency", "Only postings in this currency."), .limit, .cursor]
    static let csvHeader = ["id", "at", "currency", "kind", "amount", "counterparty", "event_id", "rule_id", "rule_version",
                            "reason", "reversal_of", "base_amount", "multiplier", "amount_before_boosts", "boost_bonus", "boosts"]

    static let all: [RouteSpec] = [
        RouteSpec(
            "GET", "/v1/members/{id}/ledger", access: .anyKey,
            summary: "A member's postings, newest first; amounts signed as the member sees them. Accept: text/csv for CSV.",
            tag: "ledger", query: query, responses: [(200, "A page of ledger entries (or CSV).", "LedgerEntryPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let member = try MemberCommands.get(context.parameter("id"), as: context.caller, in: store).member
                return try listing(of: .member(member.id), context: context, query: query, in: store)
            })
        }.offeringCSV(csvHeader),
        RouteSpec(
            "GET", "/v1/organizations/{id}/ledger", access: .anyKey,
            summary: "An organization's own postings, newest first; amounts signed as it sees them. Accept: text/csv for CSV.",
            tag: "ledger", query: query, responses: [(200, "A page of ledger entries (or CSV).", "LedgerEntryPage")]
        ) { context, query, respond in
            respond(context.read { store in
                let organization = try OrganizationCommands.get(context.parameter("id"), as: context.caller, in: store)
                return try listing(of: .organization(organization.id), context: context, query: query, in: store)
            })
        }.offeringCSV(csvHeader),
    ]

    private static func listing(
        of holder: LedgerHolder, context: RequestContext, query: QueryParameters, in store: any StoreReader
    ) throws -> HTTPResponse {
        let currency = query.filter("currency")
        let page = try LedgerHistory.page(of: holder, currency: currency, page: query.page(), in: store)
        let breakdowns = try EarnBreakdown.byPosting(page.items, in: store)
        guard wantsCSV(context.request) else { return .page(page) { EarnBreakdown.entry($0, for: holder.account, breakdowns) } }
        var csv = CSVEncoder(header: csvHeader)
        for posting in page.items { csv.append(fields(EarnBreakdown.entry(posting, for: holder.account, breakdowns))) }
        var response = HTTPResponse.text(csv.text, contentType: "text/csv; charset=utf-8")
        if let next = page.nextAfter {
            var parameters = [("limit", String(query.page().limit)), ("cursor", Cursor.encode(next))]
            if let currency { parameters.insert(("currency", currency), at: 0) }
            let link = context.request.path + "?" + parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            response = response.with(header: "Link", "<\(link)>; rel=\"next\"")
        }
        return response
    }

    /// The entry's fields in `csvHeader` order; null is an empty field. `boosts` is one field:
    /// `boost_id:percent%:bonus` per boost, separated by `;`.
    private static func fields(_ entry: JSONValue) -> [String] {
        let object = entry.objectValue ?? JSONObject()
        return csvHeader.map { name in
            switch object[name] {
            case .array(let boosts)? where name == "boosts":
                boosts.compactMap(\.objectValue).map { boost in
                    let part = { (key: String) in boost[key]?.intValue.map(String.init) ?? "" }
                    return "\(part("boost_id")):\(part("percent"))%:\(part("bonus"))"
                }.joined(separator: ";")
            case let value: CSVEncoder.text(value)
            }
        }
    }

    /// `Accept: text/csv` (alone or among others, with any parameters) asks for CSV.
    static func wantsCSV(_ request: HTTPRequest) -> Bool {
        guard let accept = request.headers["Accept"] else { return false }
        return accept.split(separator: ",").contains { range in
            range.split(separator: ";").first.map { $0.trimmed().lowercased() } == "text/csv"
        }
    }
}

extension RouteSpec {
    /// The same route, documented as also answering `text/csv` with these columns.
    func offeringCSV(_ columns: [String]) -> RouteSpec {
        var copy = self
        copy.csvColumns = columns
        return copy
    }
}
