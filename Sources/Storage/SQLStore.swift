import Engine
import SQLite

/// Engine's stores over one SQLite connection. Lives only inside one read or one write: it is
/// created for the connection a reader or the writer lends, and never escapes it.
final class SQLStore: StoreWriter {
    let connection: SQLiteConnection
    /// Shared by the stores of one database; a store made on its own gets a cache of its own.
    let configurationCache: ConfigurationCache
    /// The writer's, for the stores of its transactions; nil elsewhere.
    let writerCache: WriterCache?

    init(_ connection: SQLiteConnection, configurationCache: ConfigurationCache = ConfigurationCache(), writerCache: WriterCache? = nil) {
        self.connection = connection
        self.configurationCache = configurationCache
        self.writerCache = writerCache
    }
}

/// Column conversions shared by the per-concept extensions.
extension SQLiteRow {
    func requiredString(_ column: String) throws -> String {
        guard let value = string(column) else { throw StorageError.corrupt("\(column) is missing") }
        return value
    }

    func timestamp(_ column: String) throws -> Timestamp {
        guard let value = int64(column) else { throw StorageError.corrupt("\(column) is missing") }
        return Timestamp(millisecondsSinceEpoch: value)
    }

    func optionalTimestamp(_ column: String) -> Timestamp? {
        int64(column).map(Timestamp.init(millisecondsSinceEpoch:))
    }

    func jsonObject(_ column: String) throws -> JSONObject {
        guard case .object(let object)? = try json(column) else { throw StorageError.corrupt("\(column) is not a JSON object") }
        return object
    }

    func json(_ column: String) throws -> JSONValue? {
        guard let text = string(column) else { return nil }
        do {
            // Stored documents were validated on the way in; the limits here only guard against corruption.
            var limits = JSONParser.Limits()
            limits.stringBytesMax = Int.max
            limits.depthMax = 64
            return try JSONParser.parse(text, limits: limits)
        } catch {
            throw StorageError.corrupt("\(column) holds invalid JSON: \(error)")
        }
    }
}

extension SQLiteValue {
    init(_ timestamp: Timestamp?) { self.init(timestamp?.millisecondsSinceEpoch) }
    init(json value: JSONValue?) { self.init(value.map(JSONWriter.string)) }
}

/// The database holds something Laurel could not have written.
enum StorageError: Error, CustomStringConvertible {
    case corrupt(String)

    var description: String {
        switch self {
        case .corrupt(let detail): "stored data is corrupt: \(detail)"
        }
    }
}

extension SQLStore: WriteRun {
    func rowsWritten() -> Int64 {
        connection.totalChanges
    }

    func runsInOwnSavepoint() -> Bool {
        connection.savepointDepth > 0
    }
}
