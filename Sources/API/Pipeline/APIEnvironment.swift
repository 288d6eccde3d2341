import Dispatch
import HTTP
public import Engine
import Synchronization

/// What the API reads about the running process at scrape or probe time. Supplied by the
/// executable, which knows the database and the server.
public struct OpsProbes: Sendable {
    /// Named checks that must all pass for `/readyz`; each returns nil when fine or a reason.
    public var readinessChecks: [(name: String, check: @Sendable () -> String?)]
    public var databaseSizeBytes: @Sendable () -> Int64
    public var openConnections: @Sendable () -> Int

    public init(
        readinessChecks: [(name: String, check: @Sendable () -> String?)] = [],
        databaseSizeBytes: @escaping @Sendable () -> Int64 = { 0 },
        openConnections: @escaping @Sendable () -> Int = { 0 }
    ) {
        self.readinessChecks = readinessChecks
        self.databaseSizeBytes = databaseSizeBytes
        self.openConnections = openConnections
    }
}

/// The services every handler may use.
public final class APIEnvironment: Sendable {
    public let store: any ProgramStore
    public let clock: any Clock
    public let jsonLimits: JSONParser.Limits
    public let metrics: Metrics
    public let logger: Logger
    public let version: String
    /// Owned here so that handlers which revoke keys can evict them from the cache at once.
    let authenticator: Authenticator
    /// The live rules, parsed once per change of the rules.
    public let ruleBook = RuleBook()
    /// Every leaderboard, ranked in memory from the ledger and the change log.
    public let leaderboards: LeaderboardIndex
    /// Suppliers' scorecard sums in memory, folded from the interaction log before each read.
    public let scorecards = ScorecardIndex()
    /// Folds into `scorecards` after interactions are committed.
    let scorecardFolds = ScorecardFolds()
    /// The program's time zone: periods of counters and limits, `event.weekday`/`event.hour`,
    /// tier windows and reviews are local to it. The scheduler's job settings carry the same zone.
    public let timeZone: ProgramTimeZone
    /// Which transfers between holders the program allows.
    public let transferPolicy: TransferPolicy
    /// How much each stakeholder role's NPS counts in an account's weighted NPS.
    public let healthWeights: AccountHealth.RoleWeights
    /// Runs the background jobs; the executable starts its timer.
    public let scheduler: JobScheduler
    /// Where reads that may take seconds run (simulations), one at a time, so that they never
    /// hold an event loop and never take more than one reader connection.
    let longReads = DispatchQueue(label: "laurel.long-reads")
    private let probeSlot: Mutex<OpsProbes>

    public init(
        store: any ProgramStore, clock: any Clock = SystemClock(), jsonLimits: JSONParser.Limits = .init(),
        metrics: Metrics = Metrics(), logger: Logger, version: String, probes: OpsProbes = OpsProbes(),
        keyCacheTTLMs: Int = 2_000, timeZone: ProgramTimeZone = .utc, transferPolicy: TransferPolicy = .withinOrganization,
        jobSettings: JobSettings = JobSettings(), leaderboardReadFoldRowsMax: Int64 = LeaderboardIndex.readFoldRowsMaxDefault,
        healthWeights: AccountHealth.RoleWeights = AccountHealth.RoleWeights()
    ) {
        self.healthWeights = healthWeights
        self.leaderboards = LeaderboardIndex(readFoldRowsMax: leaderboardReadFoldRowsMax)
        var jobSettings = jobSettings
        jobSettings.timeZone = timeZone
        self.scheduler = JobScheduler(store: store, clock: clock, settings: jobSettings)
        self.timeZone = timeZone
        self.transferPolicy = transferPolicy
        self.store = store
        self.clock = clock
        self.jsonLimits = jsonLimits
        self.metrics = metrics
        self.logger = logger
        self.version = version
        self.probeSlot = Mutex(probes)
        self.authenticator = Authenticator(store: store, cacheTTLMs: keyCacheTTLMs)
    }

    /// Probes can be completed once the server exists (open connections are known only then).
    public var probes: OpsProbes {
        get { probeSlot.withLock { $0 } }
        set { probeSlot.withLock { $0 = newValue } }
    }

    /// The problem response for a failure; unexpected errors are logged with the request id and
    /// answered without internals.
    func failure(_ error: any Error, context: RequestContext) -> HTTPResponse {
        let problem = Problem.from(error)
        if problem.status >= 500 {
            logger.error("request failed", [("request_id", .string(context.requestID)), ("error", .string(String(describing: error)))])
        }
        return problem.response
    }
}
