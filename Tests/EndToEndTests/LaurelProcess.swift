#if canImport(Glibc)
import Glibc
#endif
import Foundation

struct LaurelStartFailure: Error, CustomStringConvertible {
    let description: String
}

/// One running `laurel serve` on an ephemeral port, in its own temporary directory. The child is
/// killed when this object goes away, so a failing test never leaves a server behind.
final class LaurelProcess: @unchecked Sendable {  // `process` is only read after init; outputs lock themselves
    let directory: TemporaryDirectory
    let adminKey: String
    let databasePath: String
    let port: Int
    let stdout = CapturedOutput()
    let stderr = CapturedOutput()
    private let process = Process()

    /// Starts the server and waits (at most `startTimeoutSeconds`) for its `listening` line.
    /// `config` is written to a file and passed with `--config`.
    init(
        directory: TemporaryDirectory? = nil, arguments: [String] = [], environment: [String: String] = [:],
        config: [String: Any]? = nil, adminKey: String? = LaurelBinary.newAdminKey(), startTimeoutSeconds: Double = 20
    ) throws {
        let directory = try directory ?? TemporaryDirectory()
        self.directory = directory
        self.adminKey = adminKey ?? ""
        databasePath = directory.path("laurel.db")
        var environment = environment
        if let adminKey { environment["LAUREL_ADMIN_KEY"] = adminKey }
        var allArguments = ["serve", "--port", "0", "--db", databasePath]
        if let config {
            let configPath = directory.path("config-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: configPath))
            allArguments += ["--config", configPath]
        }
        allArguments += arguments
        let (out, err) = LaurelBinary.configure(process, arguments: allArguments, environment: environment, in: directory)
        stdout.attach(to: out)
        stderr.attach(to: err)
        try process.run()
        port = try Self.awaitListening(process, stdout, stderr, timeoutSeconds: startTimeoutSeconds)
    }

    private static func awaitListening(
        _ process: Process, _ stdout: CapturedOutput, _ stderr: CapturedOutput, timeoutSeconds: Double
    ) throws -> Int {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if let line = stdout.jsonLines.first(where: { $0["msg"] as? String == "listening" }), let port = line["port"] as? Int {
                return port
            }
            if !process.isRunning {
                throw LaurelStartFailure(description: "laurel exited (\(process.terminationStatus)) before listening: \(stderr.text) \(stdout.text)")
            }
            usleep(10_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        throw LaurelStartFailure(description: "laurel did not log 'listening' within \(timeoutSeconds) s: \(stdout.text) \(stderr.text)")
    }

    var isRunning: Bool { process.isRunning }

    var processIdentifier: Int32 { process.processIdentifier }

    /// SIGTERM, then wait for the exit; its status, or nil if it had to be killed after the timeout.
    @discardableResult
    func terminate(timeoutSeconds: Double = 15) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        guard waitForExit(timeoutSeconds: timeoutSeconds) else {
            kill9()
            return nil
        }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// SIGKILL, no goodbye: what a power cut looks like to the database.
    func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExit(timeoutSeconds: 10)
    }

    func waitForExit(timeoutSeconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return !process.isRunning
    }

    /// A client for this server with `key` (the admin key unless told otherwise).
    func client(key: String? = nil) -> APIClient {
        APIClient(port: port, key: key ?? adminKey)
    }

    deinit { kill9() }
}

/// One run of a `laurel` subcommand to completion (CLI tests).
struct LaurelRun {
    let status: Int32
    let stdout: String
    let stderr: String

    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: TemporaryDirectory, timeoutSeconds: Double = 30
    ) throws -> LaurelRun {
        let process = Process()
        let (out, err) = LaurelBinary.configure(process, arguments: arguments, environment: environment, in: directory)
        let collected = ReadToEnd(out, err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let (stdout, stderr) = collected.wait()
        return LaurelRun(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Reads two pipes to their end on background threads, so a chatty child never blocks on a full pipe.
private final class ReadToEnd: @unchecked Sendable {  // each field is written by one task before `group` is left
    private let group = DispatchGroup()
    private var out = Data(), err = Data()

    init(_ outPipe: Pipe, _ errPipe: Pipe) {
        DispatchQueue.global().async(group: group) { self.out = outPipe.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { self.err = errPipe.fileHandleForReading.readDataToEndOfFile() }
    }

    func wait() -> (String, String) {
        _ = group.wait(timeout: .now() + 10)
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
