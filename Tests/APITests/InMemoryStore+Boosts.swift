import Engine

struct InMemoryBoostState: Sendable {
    var boosts: [Boost] = []
    var uses: [BoostUse] = []
    var notifications: [MemberNotification] = []
}

extension InMemoryTransaction {
    func boost(id: Int64) throws -> Boost? { state.boosts.boosts.first { $0.id == id } }

    func activeBoosts(memberID: String, eventType: String, at: Timestamp) throws -> [Boost] {
        state.boosts.boosts.filter { $0.memberID == memberID && $0.on == eventType && $0.isActive(at: at) }
    }

    func boosts(memberID: String, activeAt: Timestamp?, page: PageRequest) throws -> Page<Boost> {
        let after = page.after.flatMap { Int64($0) } ?? 0
        let matching = state.boosts.boosts.filter {
            $0.memberID == memberID && $0.id > after && (activeAt.map($0.isActive(at:)) ?? true)
        }
        return Page(fetched: Array(matching.prefix(page.limit + 1)), limit: page.limit, key: { String($0.id) })
    }

    func boosts(grantedByEventID eventID: String) throws -> [Boost] { state.boosts.boosts.filter { $0.eventID == eventID } }

    func boostUses(eventID: String) throws -> [BoostUse] {
        state.boosts.uses.filter { $0.eventID == eventID }.sorted { $0.boostID < $1.boostID }
    }

    func insert(_ boost: Boost) throws -> Boost {
        var stored = boost
        stored.id = Int64(state.boosts.boosts.count + 1)
        state.boosts.boosts.append(stored)
        return stored
    }

    func recordUse(_ use: BoostUse) throws {
        guard let index = state.boosts.boosts.firstIndex(where: { $0.id == use.boostID }) else {
            throw InMemoryStoreError(message: "no boost \(use.boostID)")
        }
        state.boosts.uses.append(use)
        state.boosts.boosts[index].usesRemaining -= 1
    }

    func returnUse(boostID: Int64, eventID: String, at: Timestamp) throws {
        guard let use = state.boosts.uses.firstIndex(where: { $0.boostID == boostID && $0.eventID == eventID && $0.returnedAt == nil }),
              let index = state.boosts.boosts.firstIndex(where: { $0.id == boostID })
        else { return }
        state.boosts.uses[use].returnedAt = at
        state.boosts.boosts[index].usesRemaining += 1
    }

    func revokeBoost(id: Int64, at: Timestamp) throws {
        guard let index = state.boosts.boosts.firstIndex(where: { $0.id == id && $0.revokedAt == nil }) else { return }
        state.boosts.boosts[index].revokedAt = at
    }

    func notifications(memberID: String, limit: Int) throws -> [MemberNotification] {
        Array(state.boosts.notifications.filter { $0.memberID == memberID }.reversed().prefix(limit))
    }

    func notifications(memberID: String, unreadOnly: Bool, before: Int64?, limit: Int) throws -> [MemberNotification] {
        Array(state.boosts.notifications.filter {
            $0.memberID == memberID && $0.id < (before ?? .max) && (!unreadOnly || $0.readAt == nil)
        }.reversed().prefix(limit))
    }

    func markNotificationsRead(memberID: String, ids: [Int64]?, at: Timestamp) throws -> Int {
        var marked = 0
        for index in state.boosts.notifications.indices {
            let notification = state.boosts.notifications[index]
            guard notification.memberID == memberID, notification.readAt == nil, ids.map({ $0.contains(notification.id) }) ?? true else { continue }
            state.boosts.notifications[index].readAt = at
            marked += 1
        }
        return marked
    }

    func insert(_ notification: MemberNotification) throws -> MemberNotification {
        var stored = notification
        stored.id = Int64(state.boosts.notifications.count + 1)
        state.boosts.notifications.append(stored)
        return stored
    }
}
