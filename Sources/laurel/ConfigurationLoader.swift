#if canImport(Glibc)
import Glibc
#endif
import API
import Engine
import Foundation
import SQLite

/// Builds the configuration from a JSON file, the environment and flags, in that order of
/// precedence (flags win). Unknown settings are errors, so that a typo never silently falls back
/// to a default. Keys starting with `//` are comments.
struct ConfigurationLoader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    var environment: [String: String]
    var flags: [String: String]

    func load() throws -> Configuration {
        var configuration = Configuration()
        if let path = flags["config"] ?? environment["LAUREL_CONFIG"] {
            try applyFile(path, to: &configuration)
        }
        try applyOverrides(to: &configuration)
        return configuration
    }

    // MARK: The file

    private func applyFile(_ path: String, to configuration: inout Configuration) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read config file \(path)") }
        let document: JSONValue
        do { document = try JSONParser.parse(Array(data)) } catch { throw Failure(description: "\(path): \(error)") }
        guard case .object(let root) = document else { throw Failure(description: "\(path): must be a JSON object") }
        var reader = SettingsReader(path: "$", object: root)
        reader.string("host") { configuration.host = $0 }
        reader.integer("port", 0...65_535) { configuration.port = $0 }
        reader.string("migrations_dir") { configuration.migrationsDirectory = $0 }
        reader.string("admin_key") { configuration.adminKey = $0 }
        reader.integer("key_cache_ttl_ms", 0...3_600_000) { configuration.keyCacheTTLMs = $0 }
        reader.integer("shutdown_drain_ms", 0...600_000) { configuration.shutdownDrainMs = $0 }
        reader.bool("exit_with_parent") { configuration.exitWithParent = $0 }
        reader.section("database") { database in
            database.string("path") { configuration.databasePath = $0 }
            database.choice("synchronous", SQLiteSynchronous.self) { configuration.synchronous = $0 }
            database.integer("readers", 1...64) { configuration.readerCount = $0 }
            database.integer("busy_timeout_ms", 0...600_000) { configuration.busyTimeoutMs = $0 }
            database.integer("commit_batch_max", 1...100_000) { configuration.commitBatchMax = $0 }
            database.integer("checkpoint_interval_ms", 10...60_000) { configuration.checkpointIntervalMs = $0 }
            database.integer("wal_restart_pages", 100...1_000_000) { configuration.walRestartPages = $0 }
            database.integer("wal_autocheckpoint_pages", 100...1_000_000) { configuration.walAutoCheckpointPages = $0 }
        }
        reader.section("http") { http in
            http.integer("event_loops", 1...64) { configuration.http.eventLoopCount = $0 }
            http.integer("listen_backlog", 1...65_535) { configuration.http.listenBacklog = $0 }
            http.integer("request_line_bytes_max", 64...1_048_576) { configuration.http.limits.requestLineBytesMax = $0 }
            http.integer("header_field_bytes_max", 64...1_048_576) { configuration.http.limits.headerFieldBytesMax = $0 }
            http.integer("header_bytes_max", 64...4_194_304) { configuration.http.limits.headerBytesMax = $0 }
            http.integer("header_count_max", 1...10_000) { configuration.http.limits.headerCountMax = $0 }
            http.integer("body_bytes_max", 0...1_073_741_824) { configuration.http.limits.bodyBytesMax = $0 }
            http.integer("header_read_timeout_ms", 1...600_000) { configuration.http.limits.headerReadTimeoutMs = $0 }
            http.integer("body_read_gap_timeout_ms", 1...600_000) { configuration.http.limits.bodyReadGapTimeoutMs = $0 }
            http.integer("idle_timeout_ms", 1...3_600_000) { configuration.http.limits.idleTimeoutMs = $0 }
            http.integer("connections_max", 1...1_000_000) { configuration.http.limits.connectionsMax = $0 }
            http.integer("pipelined_requests_max", 1...1_024) { configuration.http.limits.pipelinedRequestsMax = $0 }
        }
        reader.section("program") { program in
            Self.readTimeZone(&program, into: &configuration)
            program.choiceText("transfers", TransferPolicy.allCases.map(\.rawValue)) {
                configuration.transferPolicy = TransferPolicy(rawValue: $0) ?? .withinOrganization
            }
        }
        reader.section("health") { health in
            for role in Feedback.Role.allCases {
                health.integer("\(role.rawValue)_weight", 0...1_000) { configuration.healthWeights.weights[role] = Int64($0) }
            }
        }
        reader.section("scheduler") { scheduler in
            scheduler.integer("interval_ms", 10...3_600_000) { configuration.schedulerIntervalMs = $0 }
            scheduler.integer("chunk_max", JobSettings.chunkMaxRange) { configuration.jobs.chunkMax = $0 }
        }
        reader.section("leaderboards") { leaderboards in
            leaderboards.integer("refresh_ms", 10...3_600_000) { configuration.leaderboardRefreshMs = $0 }
            leaderboards.integer("read_fold_rows_max", 0...100_000_000) { configuration.leaderboardReadFoldRowsMax = $0 }
        }
        reader.section("webhooks") { webhooks in Self.readWebhooks(&webhooks, into: &configuration.webhooks) }
        reader.section("idempotency") { idempotency in
            idempotency.integer("retention_hours", 1...8_760) { configuration.jobs.idempotencyRetentionMs = Int64($0) * 3_600_000 }
        }
        reader.section("json") { json in
            json.integer("depth_max", 1...256) { configuration.json.depthMax = $0 }
            json.integer("string_bytes_max", 1...1_048_576) { configuration.json.stringBytesMax = $0 }
        }
        reader.section("log") { log in
            log.choiceText("level", ["debug", "info", "warning", "error"]) { configuration.logLevel = $0 }
            log.bool("requests") { configuration.logRequests = $0 }
        }
        reader.section("rate_limits") { limits in
            for role in KeyRole.allCases {
                limits.nullableSection(role.rawValue, onNull: { configuration.rateLimits[role] = nil }) { section in
                    var perSecond = 0
                    var burst: Int?
                    section.integer("per_second", 1...1_000_000) { perSecond = $0 }
                    section.integer("burst", 1...1_000_000) { burst = $0 }
                    if perSecond > 0 { configuration.rateLimits[role] = RateLimit(perSecond: perSecond, burst: burst ?? perSecond * 2) }
                }
            }
        }
        let problems = reader.finish()
        if !problems.isEmpty {
            throw Failure(description: "\(path):\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
    }

    /// `time_zone` (a tz database name) or, as older configs say it, `utc_offset_minutes` (a fixed
    /// offset); never both, which could only disagree.
    private static func readTimeZone(_ program: inout SettingsReader, into configuration: inout Configuration) {
        var named: ProgramTimeZone?
        var unknownName: String?
        var offsetMinutes: Int?
        program.string("time_zone") { name in
            if let zone = ProgramTimeZone.named(name) { named = zone } else { unknownName = name }
        }
        program.integer("utc_offset_minutes", ProgramTimeZone.offsetMinutesRange) { offsetMinutes = $0 }
        if let unknownName { program.refuse("time_zone", unknownTimeZone(unknownName)) }
        if (named != nil || unknownName != nil), offsetMinutes != nil {
            program.refuse("utc_offset_minutes", "set either time_zone or utc_offset_minutes, not both")
        }
        if let zone = named ?? offsetMinutes.map(ProgramTimeZone.fixed(offsetMinutes:)) { configuration.timeZone = zone }
    }

    /// The `webhooks` section. A wait ceiling below the base would be no backoff at all: refused,
    /// as any other bad value.
    private static func readWebhooks(_ reader: inout SettingsReader, into settings: inout WebhookSettings) {
        reader.integer("poll_ms", 10...60_000) { settings.pollMs = $0 }
        reader.integer("timeout_ms", 100...600_000) { settings.timeoutMs = $0 }
        reader.integer("concurrency", 1...256) { settings.concurrency = $0 }
        reader.integer("retry_base_ms", 1...3_600_000) { settings.backoff.baseMs = Int64($0) }
        reader.integer("retry_max_wait_ms", 1...86_400_000) { settings.backoff.maxWaitMs = Int64($0) }
        reader.integer("retry_window_s", 0...2_592_000) { settings.backoff.windowMs = Int64($0) * 1_000 }
        reader.integer("retention_hours", 1...8_760) { settings.retentionMs = Int64($0) * 3_600_000 }
        if settings.backoff.maxWaitMs < settings.backoff.baseMs {
            reader.refuse("retry_max_wait_ms", "must be at least retry_base_ms (\(settings.backoff.baseMs))")
            settings.backoff.maxWaitMs = settings.backoff.baseMs
        }
    }

    static func unknownTimeZone(_ name: String) -> String {
        "\"\(name)\" is not a time zone of the tz database (/usr/share/zoneinfo, package tzdata); "
            + "use a name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\""
    }

    // MARK: Environment and flags

    /// Each override: its flag, its environment variable, and what it sets.
    private var overrides: [(flag: String, variable: String, apply: (String, inout Configuration) throws -> Void)] {
        [
            ("host", "LAUREL_HOST", { value, c in c.host = value }),
            ("port", "LAUREL_PORT", { value, c in c.port = try Self.integer(value, "port", 0...65_535) }),
            ("db", "LAUREL_DB", { value, c in c.databasePath = value }),
            ("admin-key", "LAUREL_ADMIN_KEY", { value, c in c.adminKey = value }),
            ("migrations-dir", "LAUREL_MIGRATIONS_DIR", { value, c in c.migrationsDirectory = value }),
            ("synchronous", "LAUREL_SYNCHRONOUS", { value, c in
                guard let mode = SQLiteSynchronous(rawValue: value.uppercased()) else { throw Failure(description: "synchronous must be off, normal, full or extra") }
                c.synchronous = mode
            }),
            ("program-time-zone", "LAUREL_PROGRAM_TIME_ZONE", { value, c in
                guard let zone = ProgramTimeZone.named(value) else { throw Failure(description: "program time zone: " + Self.unknownTimeZone(value)) }
                c.timeZone = zone
            }),
            ("event-loops", "LAUREL_EVENT_LOOPS", { value, c in c.http.eventLoopCount = try Self.integer(value, "event loops", 1...64) }),
            ("readers", "LAUREL_READERS", { value, c in c.readerCount = try Self.integer(value, "readers", 1...64) }),
            ("log-level", "LAUREL_LOG_LEVEL", { value, c in
                guard ["debug", "info", "warning", "error"].contains(value) else { throw Failure(description: "log level must be debug, info, warning or error") }
                c.logLevel = value
            }),
            ("sql-profile", "LAUREL_SQL_PROFILE", { value, c in
                guard !value.isEmpty else { throw Failure(description: "sql-profile needs a file path") }
                c.sqlProfilePath = value
            }),
            ("test-clock-offset-ms", "LAUREL_TEST_CLOCK_OFFSET_MS", { value, c in
                guard let offset = Int64(value), abs(offset) <= 100 * 365 * 86_400_000 else {
                    throw Failure(description: "test clock offset must be a whole number of milliseconds within 100 years")
                }
                c.testClockOffsetMs = offset
            }),
            ("log-requests", "LAUREL_LOG_REQUESTS", { value, c in
                guard let flag = Bool(value) else { throw Failure(description: "log-requests must be true or false") }
                c.logRequests = flag
            }),
            ("webhooks-timeout-ms", "LAUREL_WEBHOOKS_TIMEOUT_MS", { value, c in
                c.webhooks.timeoutMs = try Self.integer(value, "webhooks timeout", 100...600_000)
            }),
            ("webhooks-concurrency", "LAUREL_WEBHOOKS_CONCURRENCY", { value, c in
                c.webhooks.concurrency = try Self.integer(value, "webhooks concurrency", 1...256)
            }),
            ("webhooks-retry-base-ms", "LAUREL_WEBHOOKS_RETRY_BASE_MS", { value, c in
                c.webhooks.backoff.baseMs = Int64(try Self.integer(value, "webhooks retry base", 1...Int(c.webhooks.backoff.maxWaitMs)))
            }),
            ("webhooks-retry-window-s", "LAUREL_WEBHOOKS_RETRY_WINDOW_S", { value, c in
                c.webhooks.backoff.windowMs = Int64(try Self.integer(value, "webhooks retry window", 0...2_592_000)) * 1_000
            }),
            ("exit-with-parent", "LAUREL_EXIT_WITH_PARENT", { value, c in
                guard let flag = Bool(value) else { throw Failure(description: "exit-with-parent must be true or false") }
                c.exitWithParent = flag
            }),
        ]
    }

    /// Flags the loader knows; the CLI refuses others.
    static var knownFlags: Set<String> {
        Set(ConfigurationLoader(environment: [:], flags: [:]).overrides.map(\.flag) + ["config"])
    }

    private func applyOverrides(to configuration: inout Configuration) throws {
        for override in overrides {
            if let value = environment[override.variable] { try override.apply(value, &configuration) }
        }
        for override in overrides {
            if let value = flags[override.flag] { try override.apply(value, &configuration) }
        }
    }

    private static func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw Failure(description: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }
}
