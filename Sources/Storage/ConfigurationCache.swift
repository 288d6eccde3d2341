import Synchronization
import Engine
import SQLite

/// Decoded configuration shared by every `SQLStore` of one database, so that event processing
/// does not parse the same JSON definitions on every event. An entry is used only when the
/// generation read inside the caller's own transaction (table `configuration_generations`,
/// migration 0013) equals the one it was decoded at, so it always agrees with that snapshot:
/// readers on an older snapshot simply decode again.
final class ConfigurationCache: Sendable {
    private let tierLadders = Mutex<(generation: Int64, ladders: [TierLadder])?>(nil)

    init() {}

    func tierLadders(at generation: Int64, orLoad load: () throws -> [TierLadder]) rethrows -> [TierLadder] {
        if let cached = tierLadders.withLock({ $0 }), cached.generation == generation { return cached.ladders }
        let ladders = try load()
        tierLadders.withLock { $0 = (generation, ladders) }
        return ladders
    }
}

extension SQLStore {
    /// The generation of one kind of configuration as this transaction sees it; triggers change
    /// it with every change of that kind (migration 0013).
    func configurationGeneration(_ kind: String) throws -> Int64 {
        try connection.queryOne("SELECT generation FROM configuration_generations WHERE kind = ?", [.text(kind)])?
            .int64("generation") ?? 0
    }
}
