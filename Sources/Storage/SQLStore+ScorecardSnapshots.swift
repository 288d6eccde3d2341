import Engine
import SQLite

extension SQLStore {
    func scorecardPeriodTaken(templateID: String, period: String) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 AS taken FROM scorecard_periods WHERE template_id = ? AND period = ?", [.text(templateID), .text(period)]) != nil
    }

    func scorecardSnapshots(templateID: String, period: String) throws -> [ScorecardSnapshot]? {
        guard try scorecardPeriodTaken(templateID: templateID, period: period) else { return nil }
        return try connection.query(
            """
            SELECT template_id, period, supplier_id, rank, peers, scorecard FROM scorecard_snapshots
            WHERE template_id = ? AND period = ? ORDER BY rank, supplier_id
            """, [.text(templateID), .text(period)]
        ).map(Self.snapshot)
    }

    func scorecardSnapshots(supplierID: String, templateID: String, limit: Int) throws -> [ScorecardSnapshot] {
        try connection.query(
            """
            SELECT template_id, period, supplier_id, rank, peers, scorecard FROM scorecard_snapshots
            WHERE supplier_id = ? AND template_id = ? ORDER BY period DESC LIMIT ?
            """, [.text(supplierID), .text(templateID), .integer(Int64(limit))]
        ).map(Self.snapshot)
    }

    func saveScorecardPeriod(templateID: String, period: String, endedAt: Timestamp, takenAt: Timestamp, snapshots: [ScorecardSnapshot]) throws {
        guard try !scorecardPeriodTaken(templateID: templateID, period: period) else { return }
        try connection.run(
            "INSERT INTO scorecard_periods (template_id, period, ended_at, taken_at) VALUES (?, ?, ?, ?)",
            [.text(templateID), .text(period), SQLiteValue(endedAt), SQLiteValue(takenAt)])
        for snapshot in snapshots {
            try connection.run(
                "INSERT INTO scorecard_snapshots (template_id, period, supplier_id, rank, peers, scorecard) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(templateID), .text(period), .text(snapshot.supplierID), .integer(Int64(snapshot.rank)),
                 .integer(Int64(snapshot.peers)), SQLiteValue(json: snapshot.scorecard)])
        }
    }

    private static func snapshot(_ row: SQLiteRow) throws -> ScorecardSnapshot {
        ScorecardSnapshot(
            templateID: try row.requiredString("template_id"), period: try row.requiredString("period"),
            supplierID: try row.requiredString("supplier_id"), rank: row.int("rank") ?? 0, peers: row.int("peers") ?? 0,
            scorecard: try row.json("scorecard") ?? .null)
    }
}
