/// The wall: recent public achievements — badges earned, tier levels reached, places among a
/// closed period's winners, goal levels reached, quests completed — newest first, for the program or one organization. Revoked badges
/// and tier downgrades are not achievements and are left out; members with a private profile
/// appear without their name to those outside their organization.
public enum Feed {
    /// Stored items read per round while filling a page; a page takes a few rounds at most.
    static let roundsMax = 5

    public static func page(
        organizationID: String?, asMember: String?, page: PageRequest, as principal: Principal, in store: any StoreReader
    ) throws -> Page<JSONValue> {
        let scope = try scope(organizationID, principal: principal, in: store)
        var before = try page.afterInteger(of: "the feed")
        var shown: [FeedItem] = []
        var exhausted = false
        var ladders = LadderOrder(store: store)
        for _ in 0..<roundsMax where shown.count <= page.limit && !exhausted {
            let read = try store.feedItems(organizationID: scope, before: before, limit: page.limit + 1)
            exhausted = read.count <= page.limit
            before = read.last?.seq ?? before
            shown += try read.filter { try isAchievement($0, ladders: &ladders) }
        }
        let items = Array(shown.prefix(page.limit))
        // More may follow when a page filled up, or when the rounds ran out before the end.
        let more = shown.count > page.limit || !exhausted
        let next = more ? (items.last.map { String($0.seq) } ?? before.map(String.init)) : nil
        return Page(items: try render(items, asMember: asMember, principal: principal, in: store), nextAfter: next)
    }

    /// A partner key's wall is its own organization's; asking for another is asking for nothing.
    private static func scope(_ organizationID: String?, principal: Principal, in store: any StoreReader) throws -> String? {
        let scope = organizationID ?? principal.organizationID
        if let scope, try !principal.canSee(organizationID: scope) || !store.organizationExists(id: scope) {
            throw DomainError.notFound(kind: "organization", id: scope)
        }
        return scope
    }

    private static func isAchievement(_ item: FeedItem, ladders: inout LadderOrder) throws -> Bool {
        switch item.kind {
        case .badge, .quest: !item.revoked
        case .leaderboard, .goal: true
        case .tier: try ladders.isUpgrade(item.detail)
        }
    }

    private static func render(_ items: [FeedItem], asMember: String?, principal: Principal, in store: any StoreReader) throws -> [JSONValue] {
        let cards = try store.memberCards(ids: Array(Set(items.compactMap(\.memberID))))
        var names = FeedNames(store: store)
        return try items.map { item in
            var fields: [(String, JSONValue)] = [("id", .string(String(item.seq)))]
            switch item.kind {
            case .badge:
                let badgeID = item.detail["badge_id"]?.stringValue ?? ""
                fields += [("kind", "badge_earned"), ("badge", .object(JSONObject([
                    ("id", .string(badgeID)), ("name", try names.badge(badgeID).map(JSONValue.string) ?? .null)])))]
            case .tier:
                fields += [("kind", "tier_reached"), ("tier", .object(JSONObject([
                    ("ladder_id", item.detail["ladder_id"] ?? .null), ("level_id", item.detail["to"] ?? .null)])))]
            case .goal:
                let goalID = item.detail["goal_id"]?.stringValue ?? ""
                fields += [("kind", "goal_level_reached"), ("goal", .object(JSONObject([
                    ("id", .string(goalID)), ("name", try store.goal(id: goalID).map { .string($0.name) } ?? .null),
                    ("period", item.detail["period"] ?? .null), ("level_id", item.detail["level_id"] ?? .null)])))]
            case .quest:
                let questID = item.detail["quest_id"]?.stringValue ?? ""
                fields += [("kind", "quest_completed"), ("quest", .object(JSONObject([
                    ("id", .string(questID)), ("name", try store.quest(id: questID).map { .string($0.name) } ?? .null)])))]
            case .leaderboard:
                let boardID = item.detail["leaderboard_id"]?.stringValue ?? ""
                fields += [("kind", "period_winner"), ("leaderboard", .object(JSONObject([
                    ("id", .string(boardID)), ("name", try names.leaderboard(boardID).map(JSONValue.string) ?? .null),
                    ("period", item.detail["period"] ?? .null), ("rank", item.detail["rank"] ?? .null),
                    ("partition", item.detail["partition"] ?? .null)])))]
            }
            let member = item.memberID.flatMap { cards[$0] }.map { $0.shown(to: principal, asMember: asMember) } ?? .null
            let organization: JSONValue = try item.organizationID.map { id in
                .object(JSONObject([("id", .string(id)), ("name", try names.organization(id).map(JSONValue.string) ?? .null)]))
            } ?? .null
            fields += [("at", .string(item.at.rfc3339)), ("member", member), ("organization", organization)]
            return .object(JSONObject(fields))
        }
    }
}

/// Whether a tier change moved up its ladder, by the ladder's order of levels.
private struct LadderOrder {
    let store: any StoreReader
    private var levels: [String: [String]] = [:]

    init(store: any StoreReader) {
        self.store = store
    }

    /// From nothing (the first level) or a lower level to a higher one; a ladder deleted since
    /// has no order, and its changes are not shown.
    mutating func isUpgrade(_ detail: JSONObject) throws -> Bool {
        guard let ladderID = detail["ladder_id"]?.stringValue, let to = detail["to"]?.stringValue else { return false }
        if levels[ladderID] == nil { levels[ladderID] = try store.tierLadder(id: ladderID)?.levels.map(\.id) ?? [] }
        let order = levels[ladderID] ?? []
        guard let target = order.firstIndex(of: to) else { return false }
        let source = detail["from"]?.stringValue.flatMap { order.firstIndex(of: $0) } ?? 0
        return target > source
    }
}

/// Names of badges, boards and organizations, read once per page.
private struct FeedNames {
    let store: any StoreReader
    private var badges: [String: String?] = [:]
    private var boards: [String: String?] = [:]
    private var organizations: [String: String?] = [:]

    init(store: any StoreReader) {
        self.store = store
    }

    mutating func badge(_ id: String) throws -> String? {
        if let known = badges[id] { return known }
        let name = try store.badge(id: id)?.name
        badges[id] = .some(name)
        return name
    }

    mutating func leaderboard(_ id: String) throws -> String? {
        if let known = boards[id] { return known }
        let name = try store.leaderboard(id: id)?.name
        boards[id] = .some(name)
        return name
    }

    mutating func organization(_ id: String) throws -> String? {
        if let known = organizations[id] { return known }
        let name = try store.organization(id: id)?.name
        organizations[id] = .some(name)
        return name
    }
}
