import Engine
import SQLite

extension SQLStore {
    private static let boostColumns = """
        id, member_id, event_id, rule_id, rule_version, effect_index, percent, on_type, currency, uses_total, uses_remaining,
        granted_at, expires_at, revoked_at
        """
    private static let boostUseColumns = "boost_id, event_id, bonus, used_at, returned_at"

    func boost(id: Int64) throws -> Boost? {
        try connection.queryOne("SELECT \(Self.boostColumns) FROM boosts WHERE id = ?", [.integer(id)]).map(Self.boost)
    }

    /// Built once: see `insertPosting`.
    private static let activeBoostsForType = """
        SELECT \(boostColumns) FROM boosts
        WHERE member_id = ? AND on_type = ? AND expires_at > ? AND granted_at <= ? AND uses_remaining > 0 AND revoked_at IS NULL
        ORDER BY id
        """

    func activeBoosts(memberID: String, eventType: String, at: Timestamp) throws -> [Boost] {
        try connection.query(
            Self.activeBoostsForType,
            [.text(memberID), .text(eventType), SQLiteValue(at), SQLiteValue(at)]
        ).map(Self.boost)
    }

    func boosts(memberID: String, activeAt: Timestamp?, page: PageRequest) throws -> Page<Boost> {
        var sql = "SELECT \(Self.boostColumns) FROM boosts WHERE member_id = ? AND id > ?"
        var arguments: [SQLiteValue] = [.text(memberID), .integer(page.after.flatMap { Int64($0) } ?? 0)]
        if let activeAt {
            sql += " AND expires_at > ? AND granted_at <= ? AND uses_remaining > 0 AND revoked_at IS NULL"
            arguments += [SQLiteValue(activeAt), SQLiteValue(activeAt)]
        }
        let rows = try connection.query(sql + " ORDER BY id LIMIT ?", arguments + [.integer(Int64(page.limit + 1))])
        return Page(fetched: try rows.map(Self.boost), limit: page.limit, key: { String($0.id) })
    }

    func boosts(grantedByEventID eventID: String) throws -> [Boost] {
        try connection.query("SELECT \(Self.boostColumns) FROM boosts WHERE event_id = ? ORDER BY id", [.text(eventID)]).map(Self.boost)
    }

    func boostUses(eventID: String) throws -> [BoostUse] {
        try connection.query(
            "SELECT \(Self.boostUseColumns) FROM boost_uses WHERE event_id = ? ORDER BY boost_id", [.text(eventID)]
        ).map(Self.boostUse)
    }

    func insert(_ boost: Boost) throws -> Boost {
        try connection.run(
            """
            INSERT INTO boosts (\(Self.boostColumns.replacingOccurrences(of: "id, member_id", with: "member_id")))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(boost.memberID), .text(boost.eventID), .text(boost.ruleID), .integer(Int64(boost.ruleVersion)),
             .integer(Int64(boost.effectIndex)), .integer(boost.percent), .text(boost.on), SQLiteValue(boost.currency),
             .integer(boost.usesTotal), .integer(boost.usesRemaining), SQLiteValue(boost.grantedAt), SQLiteValue(boost.expiresAt),
             SQLiteValue(boost.revokedAt)])
        var stored = boost
        stored.id = connection.lastInsertRowID
        return stored
    }

    func recordUse(_ use: BoostUse) throws {
        try connection.run(
            "INSERT INTO boost_uses (\(Self.boostUseColumns)) VALUES (?, ?, ?, ?, ?)",
            [.integer(use.boostID), .text(use.eventID), .integer(use.bonus), SQLiteValue(use.usedAt), SQLiteValue(use.returnedAt)])
        try connection.run("UPDATE boosts SET uses_remaining = uses_remaining - 1 WHERE id = ?", [.integer(use.boostID)])
    }

    func returnUse(boostID: Int64, eventID: String, at: Timestamp) throws {
        try connection.run(
            "UPDATE boost_uses SET returned_at = ? WHERE boost_id = ? AND event_id = ? AND returned_at IS NULL",
            [SQLiteValue(at), .integer(boostID), .text(eventID)])
        guard connection.changes > 0 else { return }
        try connection.run("UPDATE boosts SET uses_remaining = uses_remaining + 1 WHERE id = ?", [.integer(boostID)])
    }

    func revokeBoost(id: Int64, at: Timestamp) throws {
        try connection.run("UPDATE boosts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [SQLiteValue(at), .integer(id)])
    }

    private static func boost(_ row: SQLiteRow) throws -> Boost {
        guard let id = row.int64("id"), let ruleVersion = row.int("rule_version"), let effectIndex = row.int("effect_index"),
              let percent = row.int64("percent"), let usesTotal = row.int64("uses_total"), let usesRemaining = row.int64("uses_remaining")
        else { throw StorageError.corrupt("a boost row lacks a number") }
        return Boost(
            id: id, memberID: try row.requiredString("member_id"), eventID: try row.requiredString("event_id"),
            ruleID: try row.requiredString("rule_id"), ruleVersion: ruleVersion, effectIndex: effectIndex, percent: percent,
            on: try row.requiredString("on_type"), currency: row.string("currency"), usesTotal: usesTotal, usesRemaining: usesRemaining,
            grantedAt: try row.timestamp("granted_at"), expiresAt: try row.timestamp("expires_at"),
            revokedAt: row.optionalTimestamp("revoked_at"))
    }

    private static func boostUse(_ row: SQLiteRow) throws -> BoostUse {
        guard let boostID = row.int64("boost_id"), let bonus = row.int64("bonus") else {
            throw StorageError.corrupt("a boost use row lacks a number")
        }
        return BoostUse(
            boostID: boostID, eventID: try row.requiredString("event_id"), bonus: bonus, usedAt: try row.timestamp("used_at"),
            returnedAt: row.optionalTimestamp("returned_at"))
    }
}
