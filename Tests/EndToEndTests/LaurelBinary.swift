import Foundation

/// Where the `laurel` executable and the package's Migrations are. `swift test` builds the
/// executable beside the test bundle (the test target depends on it), so look there first.
enum LaurelBinary {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let migrationsDirectory: String = packageRoot.appendingPathComponent("Migrations").path

    static let path: String = {
        let starts = [Bundle.main.bundlePath, CommandLine.arguments.first ?? ""] + Bundle.allBundles.map(\.bundlePath)
        for start in starts where !start.isEmpty {
            var directory = URL(fileURLWithPath: start)
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("laurel").path
                if isExecutableFile(candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/laurel").path
    }()

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// A well-formed admin key `lrl_<12>_<32>`, new for each server so tests never share keys.
    static func newAdminKey() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        func random(_ count: Int) -> String { String((0..<count).map { _ in alphabet.randomElement()! }) }
        return "lrl_\(random(12))_\(random(32))"
    }

    /// The environment a child gets: ours without any LAUREL_* setting, plus the migrations, and
    /// told to exit with the test process, so that a test run killed midway leaves no server behind.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LAUREL_") }
        environment["LAUREL_MIGRATIONS_DIR"] = migrationsDirectory
        environment["LAUREL_EXIT_WITH_PARENT"] = "true"
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Points `process` at the binary with a clean environment, in `directory`, with no standard
    /// input; returns the pipes its standard output and error go to.
    static func configure(
        _ process: Process, arguments: [String], environment: [String: String], in directory: TemporaryDirectory
    ) -> (out: Pipe, err: Pipe) {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (out, err)
    }
}
