import Foundation

/// The program the loyalty-engine issue describes: points for training and leads, 2 % of a closed
/// deal to the rep and 50 status credits to the company.
enum IssueProgram {
    /// Points that expire after a year, and status credits that cannot be redeemed.
    static var currencies: [(String, [String: Any])] {
        [
            ("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 365]]),
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
        ]
    }

    static var configuration: [(String, [String: Any])] {
        currencies + [
            ("/v1/rules/video", ["name": "Video watched", "on": "video.watched", "then": [["award": ["currency": "points", "amount": 10]]]]),
            ("/v1/rules/quiz", ["name": "Quiz passed", "on": "quiz.passed", "then": [["award": ["currency": "points", "amount": 100]]]]),
            ("/v1/rules/lead", ["name": "Lead registered", "on": "lead.registered", "then": [["award": ["currency": "points", "amount": 500]]]]),
            ("/v1/rules/deal", ["name": "2% of closed deal value", "on": "deal.closed",
                                "when": ["fact": "event.amount", "op": "gte", "value": 1000],
                                "then": [["award": ["currency": "points", "amount": "floor(event.amount * 0.02)", "to": "member"]],
                                         ["award": ["currency": "status_credits", "amount": 50, "to": "organization"]]]]),
        ]
    }
}

extension APIClient {
    /// PUTs each configuration object in order; any answer but 201 fails the setup.
    func configure(_ objects: [(String, [String: Any])]) throws {
        for (path, body) in objects {
            let response = try put(path, body)
            guard response.status == 201 else { throw RawHTTPError(description: "\(path): \(response.status) \(response.text)") }
        }
    }
}

extension APIClient {
    /// PUTs each organization in order, so a parent exists before the organizations under it; any
    /// answer but 201 fails the setup.
    func createOrganizations(_ ids: [String], parents: [String: String] = [:]) throws {
        for id in ids {
            guard try organization(id, parent: parents[id]).status == 201 else { throw RawHTTPError(description: "org \(id)") }
        }
    }

    /// PUTs each member into its organization, in the order given; any answer but 201 fails the setup.
    func createMembers(_ organizationOfMember: KeyValuePairs<String, String>) throws {
        for (id, organization) in organizationOfMember {
            guard try member(id, organization: organization).status == 201 else { throw RawHTTPError(description: "member \(id)") }
        }
    }
}

/// A fresh server with one program on it: the admin client, an integration key for the portal
/// that posts events, then the program's configuration, organizations and members. Each suite
/// passes its own program; this only does the starting and the checked creating.
struct ProgramServer {
    let server: LaurelProcess
    let admin: APIClient
    let portal: APIClient

    init(
        configuration: [(String, [String: Any])], organizations: [String], parents: [String: String] = [:],
        members: KeyValuePairs<String, String>, config: [String: Any]? = nil
    ) throws {
        server = try LaurelProcess(config: config)
        admin = server.client()
        portal = server.client(key: try admin.createKey(["role": "integration", "name": "portal"]).secret)
        try admin.configure(configuration)
        try admin.createOrganizations(organizations, parents: parents)
        try admin.createMembers(members)
    }
}

/// A suite's program: a `ProgramServer` underneath and the suite's own helpers on top. Its tests
/// reach the server and both clients directly, as `program.admin`.
protocol ProgramFixture {
    var running: ProgramServer { get }
}

extension ProgramFixture {
    var server: LaurelProcess { running.server }
    var admin: APIClient { running.admin }
    var portal: APIClient { running.portal }
}
