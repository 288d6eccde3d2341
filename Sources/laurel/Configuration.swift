import API
import Engine
import HTTP
import SQLite
import Storage

/// Every setting, with the defaults a fresh machine runs on. `config.example.json` documents each;
/// `ConfigurationLoader` reads the file, then `LAUREL_*` variables, then flags, each overriding the last.
struct Configuration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    var databasePath = "./laurel.db"
    // The database's defaults are Database.Options' own, said once there.
    private static let database = Database.Options()
    var synchronous = Self.database.synchronous
    var readerCount = Self.database.readerCount
    var busyTimeoutMs = Self.database.busyTimeoutMs
    var commitBatchMax = Self.database.commitBatchMax
    var checkpointIntervalMs = Self.database.checkpointIntervalMs
    var walRestartPages = Self.database.walRestartPages
    var walAutoCheckpointPages = Self.database.walAutoCheckpointPages
    /// Where `NNNN_name.sql` files are; nil searches the usual places (see `MigrationsLocator`).
    var migrationsDirectory: String?
    /// The bootstrap admin key's text; nil generates one on first start and prints it once.
    var adminKey: String?
    var http = HTTPServerConfiguration()
    var json = JSONParser.Limits()
    var rateLimits = [KeyRole.partner: RateLimit(perSecond: 20, burst: 40)]
    var keyCacheTTLMs = 2_000
    var logLevel = "info"
    var logRequests = true
    /// Shut down when the process that started the server exits (supervisors, test runners).
    var exitWithParent = false
    var shutdownDrainMs = 10_000
    /// The program's time zone (`program.time_zone` or, for older configs, `program.utc_offset_minutes`).
    var timeZone = ProgramTimeZone.utc
    var transferPolicy = TransferPolicy.withinOrganization
    /// How much each stakeholder role's NPS counts in an account's weighted NPS (`health.*_weight`).
    var healthWeights = AccountHealth.RoleWeights()
    /// How often the scheduler looks for due jobs.
    var schedulerIntervalMs = 1_000
    /// How often new postings are folded into the leaderboards (and ended periods closed).
    var leaderboardRefreshMs = 250
    /// The most postings and changes a leaderboard read folds itself; more is left to the refresher.
    var leaderboardReadFoldRowsMax = Int(LeaderboardIndex.readFoldRowsMaxDefault)
    /// Chunk size and periods of the background jobs; `idempotency.retention_hours` sets the retention.
    var jobs = JobSettings()
    /// Webhook delivery: poll interval, timeout, concurrency, backoff, retention (`webhooks.*`).
    var webhooks = WebhookSettings()
    /// Test only (`LAUREL_TEST_CLOCK_OFFSET_MS`, no file setting): moves the server's clock.
    var testClockOffsetMs: Int64 = 0
    /// Diagnostic (`--sql-profile`, `LAUREL_SQL_PROFILE`, no file setting): where the writer's time
    /// per SQL statement is written on shutdown.
    var sqlProfilePath: String?
}
