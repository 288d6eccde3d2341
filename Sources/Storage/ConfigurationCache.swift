import Synchronization
import Engine
import SQLite

/// Decoded configuration shared by every `SQLStore` of one database, so that event processing
/// does not parse the same JSON definitions on every event. An entry is used only when the
/// generation read inside the caller's own transaction (table `configuration_generations`,
/// migration 0013) equals the one it was decoded at, so it always agrees with that snapshot:
/// readers on an older snapshot simply decode again.
final class ConfigurationCache: Sendable {
    let tierLadders = GenerationSlot<[TierLadder]>()
    /// Read by every event (which messages to write), nearly always empty or unchanged.
    let messageTemplates = GenerationSlot<[MessageTemplate]>()
    /// Read by every event with a member (which quests it may count for).
    let quests = GenerationSlot<[Quest]>()
    /// Read by every interaction recorded and every scorecard read, by id.
    let scorecardTemplates = GenerationSlot<[String: ScorecardTemplate]>()

    init() {}
}

/// One decoded kind of configuration with the generation it was decoded at.
final class GenerationSlot<Value: Sendable>: Sendable {
    private let slot = Mutex<(generation: Int64, value: Value)?>(nil)

    func value(at generation: Int64, orLoad load: () throws -> Value) rethrows -> Value {
        if let cached = slot.withLock({ $0 }), cached.generation == generation { return cached.value }
        let value = try load()
        slot.withLock { $0 = (generation, value) }
        return value
    }
}

extension SQLStore {
    /// The generation of one kind of configuration as this transaction sees it; triggers change
    /// it with every change of that kind (migration 0013).
    /// The writer keeps them between its transactions (`WriterCache.generations`).
    func configurationGeneration(_ kind: String) throws -> Int64 {
        try cached(\.generations, kind) {
            try connection.queryOne("SELECT generation FROM configuration_generations WHERE kind = ?", [.text(kind)])?
                .int64("generation") ?? 0
        }
    }
}
