import Foundation

/// The program the loyalty-engine issue describes: points for training and leads, 2 % of a closed
/// deal to the rep and 50 status credits to the company.
enum IssueProgram {
    static var configuration: [(String, [String: Any])] {
        [
            ("/v1/currencies/points", ["name": "Points", "expiry": ["after_days": 365]]),
            ("/v1/currencies/status_credits", ["name": "Status credits", "redeemable": false]),
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
