public protocol BoostReader {
    func boost(id: Int64) throws -> Boost?
    /// The member's boosts usable by an event of `eventType` at `at` (`Boost.isActive`), by id.
    func activeBoosts(memberID: String, eventType: String, at: Timestamp) throws -> [Boost]
    /// The member's boosts by id (grant order); with `activeAt`, only those active then (any event type).
    func boosts(memberID: String, activeAt: Timestamp?, page: PageRequest) throws -> Page<Boost>
    /// The boosts an event granted, by id.
    func boosts(grantedByEventID eventID: String) throws -> [Boost]
    /// The uses an event made, by boost id.
    func boostUses(eventID: String) throws -> [BoostUse]
}

public protocol BoostWriter: BoostReader {
    /// Stores a granted boost and returns it with its id.
    func insert(_ boost: Boost) throws -> Boost
    /// Stores the use and takes one use off the boost.
    func recordUse(_ use: BoostUse) throws
    /// Marks the use returned and gives the boost its use back.
    func returnUse(boostID: Int64, eventID: String, at: Timestamp) throws
    /// Stops a boost: what is left of it can no longer be used.
    func revokeBoost(id: Int64, at: Timestamp) throws
}
