import Testing
@testable import Engine

struct LeaderboardDraftTests {
    static func parse(_ text: String) throws -> LeaderboardDraft {
        try LeaderboardDraft.parse(try JSONParser.parse(text), id: "b")
    }

    static func paths(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch let error as DomainError {
            switch error {
            case .invalid(let problems), .unprocessable(let problems): return problems.map(\.path)
            default: return ["?"]
            }
        } catch {
            return ["not a domain error: \(error)"]
        }
    }

    /// A stored definition is parsed again on every load: an all-time board without prizes once
    /// failed that because an empty on_close was checked like a full one.
    @Test func theDocumentOfEveryBoardParsesBackToTheSameBoard() throws {
        for text in [
            #"{"name": "All", "subject": "member", "period": "all", "metric": {"currency": "points"}}"#,
            #"{"name": "W", "subject": "organization", "period": "week", "metric": {"currency": "points", "aggregate": "average"},"#
                + #" "partition_by": "segment", "filters": {"organization_kind": ["partner"]}, "on_close": [{"top": 3, "award": {"currency": "points", "amount": 5}}]}"#,
            #"{"name": "T", "subject": "member", "period": "rolling_30d", "metric": {"event_type": "sale", "sum": "amount", "target_attribute": "goal"}}"#,
        ] {
            let board = try Self.parse(text).leaderboard(id: "b", createdAt: Timestamp(millisecondsSinceEpoch: 1), updatedAt: Timestamp(millisecondsSinceEpoch: 2))
            let again = try LeaderboardDraft.parse(board.definition, id: "b")
                .leaderboard(id: "b", createdAt: board.createdAt, updatedAt: board.updatedAt)
            #expect(again == board, "\(text)")
        }
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(Self.paths(#"{"subject": "member", "period": "week", "metric": {}}"#).sorted() == ["$.metric", "$.name"])
        #expect(Self.paths(#"{"name": "x", "subject": "team", "period": "week", "metric": {"currency": "p", "target_attribute": "t"}, "partition_by": "tier"}"#)
            .sorted() == ["$.metric.target_attribute", "$.partition_by"])
        #expect(Self.paths(#"{"name": "x", "subject": "member", "period": "day", "metric": {"event_type": "a b"}, "filters": {"role": []}}"#)
            .sorted() == ["$.filters.role", "$.metric.event_type"])
        #expect(Self.paths(#"{"name": "x", "subject": "organization", "period": "all", "metric": {"currency": "p"}, "on_close": [{"top": 1, "badge": "b"}]}"#)
            .sorted() == ["$.on_close", "$.on_close[0].badge"])
    }
}
