#if canImport(Glibc)
import Glibc
#endif
import API
import Dispatch
import Engine
import Foundation
import HTTP
import SQLite
import Storage

/// `laurel serve`: open and migrate the database, make sure an admin key exists, serve until
/// SIGTERM or SIGINT, then drain in-flight requests and exit cleanly.
struct ServeCommand {
    let configuration: Configuration

    func run() throws -> Int32 {
        // Taken first, before the slow part of starting, so that a starter that exits while the
        // database opens is still noticed.
        let launchParent = getppid()
        let sink = BufferedFileSink(descriptor: STDOUT_FILENO)
        let logger = Logger(sink: sink, minimumLevel: Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let metrics = Metrics()
        let migrations = try MigrationsLocator.load(configured: configuration.migrationsDirectory)
        var options = Database.Options()
        options.synchronous = configuration.synchronous
        options.readerCount = configuration.readerCount
        options.busyTimeoutMs = configuration.busyTimeoutMs
        options.commitBatchMax = configuration.commitBatchMax
        options.checkpointIntervalMs = configuration.checkpointIntervalMs
        options.walRestartPages = configuration.walRestartPages
        options.walAutoCheckpointPages = configuration.walAutoCheckpointPages
        options.onCommit = { size, duration in metrics.recordCommit(batchSize: size, durationNs: duration) }
        options.onSync = { duration in metrics.recordWALSync(durationNs: duration) }
        let statementProfile = configuration.sqlProfilePath.map { _ in SQLiteStatementProfile() }
        options.writerStatementProfile = statementProfile
        let (database, applied) = try Database.open(path: configuration.databasePath, migrations: migrations, options: options)
        for migration in applied {
            logger.info("migration applied", [("version", .int(Int64(migration.version))), ("name", .string(migration.name))])
        }
        try bootstrapAdminKey(database)

        let requestLogger = configuration.logRequests ? logger : Logger(sink: sink, minimumLevel: .warning)
        let clock: any Clock = configuration.testClockOffsetMs == 0
            ? SystemClock() : OffsetClock(offsetMilliseconds: configuration.testClockOffsetMs)
        if configuration.testClockOffsetMs != 0 {
            logger.warning("test clock offset in use", [("offset_ms", .int(configuration.testClockOffsetMs))])
        }
        let environment = APIEnvironment(
            store: database.store, clock: clock, jsonLimits: configuration.json, metrics: metrics, logger: requestLogger,
            version: Version.current, keyCacheTTLMs: configuration.keyCacheTTLMs,
            timeZone: configuration.timeZone, transferPolicy: configuration.transferPolicy,
            jobSettings: configuration.jobs, leaderboardReadFoldRowsMax: Int64(configuration.leaderboardReadFoldRowsMax),
            healthWeights: configuration.healthWeights)
        let api = LaurelAPI(environment: environment, rateLimits: RateLimitPolicy(byRole: configuration.rateLimits))
        var http = configuration.http
        http.host = configuration.host
        http.port = configuration.port
        http.onProtocolResponse = { status in
            metrics.recordRequest(route: "protocol_error", method: "-", status: status, durationNs: 0)
        }
        let server = HTTPServer(configuration: http, responder: api)
        environment.probes = OpsProbes(
            readinessChecks: [("database", database.reachabilityProblem), ("migrations", database.migrationProblem)],
            databaseSizeBytes: database.sizeBytes,
            openConnections: { server.openConnectionCount })
        let port = try server.start()
        environment.scheduler.start(intervalMs: configuration.schedulerIntervalMs)
        let leaderboardRefresher = LeaderboardRefresher(environment: environment, intervalMs: configuration.leaderboardRefreshMs)
        leaderboardRefresher.start()
        let webhookDeliverer = WebhookDeliverer(
            environment: environment, settings: configuration.webhooks, transport: SchemeWebhookTransport(tls: URLSessionWebhookTransport()))
        webhookDeliverer.start()
        logger.info("listening", [
            ("host", .string(configuration.host)), ("port", .int(Int64(port))), ("database", .string(configuration.databasePath)),
            ("version", .string(Version.current)), ("time_zone", .string(configuration.timeZone.description)),
        ])
        sink.flush()
        let parentWatch = configuration.exitWithParent ? ParentWatch.start(parent: launchParent, logger: logger) : nil
        waitForTermination(logger: logger)
        parentWatch?.cancel()
        logger.info("shutting down", [("drain_ms", .int(Int64(configuration.shutdownDrainMs)))])
        environment.scheduler.stop()
        leaderboardRefresher.stop()
        webhookDeliverer.stop()
        server.shutdown(drainTimeoutMs: configuration.shutdownDrainMs)
        database.close()
        if let statementProfile, let path = configuration.sqlProfilePath {
            do {
                try statementProfile.report.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                logger.error("cannot write the SQL profile", [("path", .string(path)), ("error", .string("\(error)"))])
            }
        }
        logger.info("stopped")
        sink.flush()
        return 0
    }

    /// On the first start (no active admin key), stores LAUREL_ADMIN_KEY or a new key and, for a
    /// new one, prints it once on standard error — never into the log.
    private func bootstrapAdminKey(_ database: Database) throws {
        let context = ChangeContext(principal: nil, at: SystemClock().now(), requestID: "bootstrap")
        let chosen = configuration.adminKey
        guard let created = try database.store.writeAndWait({ try KeyCommands.bootstrapAdmin(text: chosen, context: context, in: $0) })
        else { return }
        if chosen == nil {
            let notice = """

                ┌─ Laurel: first start ──────────────────────────────────────────────────
                │ Admin key (shown this once; store it safely):
                │   \(created.secret)
                │ Use it as:  curl -H 'Authorization: Bearer \(created.secret)' …
                └────────────────────────────────────────────────────────────────────────

                """
            FileHandle.standardError.write(notice.data(using: .utf8)!)
        }
    }

    /// Blocks until SIGTERM or SIGINT.
    private func waitForTermination(logger: Logger) {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let stop = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "laurel.signals")
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                logger.info("signal received", [("signal", .string(number == SIGTERM ? "SIGTERM" : "SIGINT"))])
                stop.signal()
            }
            source.resume()
            return source
        }
        stop.wait()
        sources.forEach { $0.cancel() }
    }
}
