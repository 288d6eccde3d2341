import Engine
import Foundation
import SQLite
import Storage

/// The subcommands. `serve` is in `ServeCommand`.
enum Commands {
    static func run(_ arguments: CommandLineArguments, environment: [String: String]) throws -> Int32 {
        if arguments.wantsHelp {
            print(Usage.text)
            return 0
        }
        let unknown = Set(arguments.flags.keys).subtracting(ConfigurationLoader.knownFlags).subtracting(["role", "organization-id", "name"])
        if let flag = unknown.sorted().first { throw CommandLineArguments.Failure(description: "unknown flag --\(flag); see laurel --help") }
        let configuration = try ConfigurationLoader(environment: environment, flags: arguments.flags).load()
        switch arguments.words {
        case [], ["serve"]:
            return try ServeCommand(configuration: configuration).run()
        case ["migrate"]:
            let applied = try Database.migrate(
                path: configuration.databasePath, migrations: try MigrationsLocator.load(configured: configuration.migrationsDirectory),
                synchronous: configuration.synchronous)
            print(applied.isEmpty ? "Nothing to apply." : applied.map { "Applied \($0.version) \($0.name)" }.joined(separator: "\n"))
            return 0
        case ["keys", "create"]:
            return try createKey(arguments, configuration)
        case let words where words.count == 3 && words[0] == "keys" && words[1] == "revoke":
            return try revokeKey(words[2], configuration)
        case let words where words.count == 2 && words[0] == "backup":
            try SQLiteBackup.run(sourcePath: configuration.databasePath, destinationPath: words[1])
            print("Backed up \(configuration.databasePath) to \(words[1]).")
            return 0
        case ["version"]:
            print("laurel \(Version.current)")
            return 0
        default:
            throw CommandLineArguments.Failure(description: "unknown command \(arguments.words.joined(separator: " ")); see laurel --help")
        }
    }

    private static func openDatabase(_ configuration: Configuration) throws -> Database {
        var options = Database.Options()
        options.synchronous = configuration.synchronous
        options.readerCount = 1
        return try Database.open(
            path: configuration.databasePath, migrations: try MigrationsLocator.load(configured: configuration.migrationsDirectory),
            options: options
        ).0
    }

    private static func createKey(_ arguments: CommandLineArguments, _ configuration: Configuration) throws -> Int32 {
        var body = JSONObject()
        body["role"] = arguments.flags["role"].map(JSONValue.string)
        body["organization_id"] = arguments.flags["organization-id"].map(JSONValue.string)
        body["name"] = arguments.flags["name"].map(JSONValue.string)
        let draft = try KeyDraft.parse(.object(body))
        let database = try openDatabase(configuration)
        defer { database.close() }
        let context = ChangeContext(principal: nil, at: SystemClock().now(), requestID: "cli")
        let created = try database.store.writeAndWait { try KeyCommands.create(draft, context: context, in: $0) }
        print("Created \(created.key.role.rawValue) key \(created.key.id). Its secret is shown this once:\n\(created.secret)")
        return 0
    }

    private static func revokeKey(_ id: String, _ configuration: Configuration) throws -> Int32 {
        let database = try openDatabase(configuration)
        defer { database.close() }
        let context = ChangeContext(principal: nil, at: SystemClock().now(), requestID: "cli")
        let key = try database.store.writeAndWait { try KeyCommands.revoke(id, context: context, in: $0) }
        print("Revoked key \(key.id).")
        return 0
    }
}
