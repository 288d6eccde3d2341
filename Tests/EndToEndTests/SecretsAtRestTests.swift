import Foundation
import Testing

/// Key secrets live only in the creation answer: the database keeps their SHA-256, the logs
/// keep neither.
@Suite("Secrets at rest")
struct SecretsAtRestTests {
    @Test func databaseAndLogsHoldHashesNeverSecrets() throws {
        let server = try LaurelProcess()
        let admin = server.client()
        let integration = try admin.createKey(["role": "integration", "name": "portal"])
        #expect(try admin.organization("acme").status == 201)
        let partner = try admin.createKey(["role": "partner", "organization_id": "acme"])
        let viewer = try admin.createKey(["role": "viewer"])
        for secret in [integration.secret, partner.secret, viewer.secret] {
            #expect(try server.client(key: secret).get("/v1/organizations").status == 200)
        }
        #expect(try server.client(key: integration.secret).member("m-1", organization: "acme").status == 201)
        let secrets = [server.adminKey, integration.secret, partner.secret, viewer.secret]

        // While running (WAL not necessarily checkpointed) and after a clean stop.
        try expectOnlyHashes(secrets, in: server)
        #expect(server.terminate() == 0)
        try expectOnlyHashes(secrets, in: server)
        for secret in secrets {
            #expect(!server.stdout.text.contains(secret), "secret in stdout")
            #expect(!server.stdout.text.contains(String(secret.split(separator: "_")[2])), "secret part in stdout")
        }
        #expect(!server.stderr.text.contains(server.adminKey), "a given LAUREL_ADMIN_KEY is not echoed")
    }

    @Test func aGeneratedAdminKeyIsPrintedOnceOnStandardErrorOnly() throws {
        let server = try LaurelProcess(adminKey: nil)
        #expect(server.stderr.waitForLine { $0.contains("lrl_") })
        let printed = try #require(server.stderr.text.firstMatch(of: /lrl_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}/)).output
        let secret = String(printed)
        #expect(try server.client(key: secret).get("/v1/keys").status == 200)
        #expect(!server.stdout.text.contains(secret))
        #expect(server.terminate() == 0)
        let fileBytes = Self.databaseBytes(server.databasePath)
        #expect(fileBytes.firstRange(of: Array(secret.utf8)) == nil)
        #expect(fileBytes.firstRange(of: try Self.sha256(secret)) != nil)
        // A second start on the same database prints no key.
        let again = try LaurelProcess(directory: server.directory, adminKey: nil)
        usleep(100_000)
        #expect(!again.stderr.text.contains("lrl_"))
        #expect(try again.client(key: secret).get("/v1/keys").status == 200)
    }

    private func expectOnlyHashes(_ secrets: [String], in server: LaurelProcess) throws {
        let bytes = Self.databaseBytes(server.databasePath)
        #expect(bytes.count > 4096)
        for secret in secrets {
            #expect(bytes.firstRange(of: Array(secret.utf8)) == nil, "plaintext key in the database files")
            let secretPart = Array(secret.split(separator: "_")[2].utf8)
            #expect(bytes.firstRange(of: secretPart) == nil, "secret part in the database files")
            #expect(bytes.firstRange(of: try Self.sha256(secret)) != nil, "the SHA-256 of the key text is stored")
        }
    }

    /// The main file and its WAL, concatenated (either may hold the rows).
    static func databaseBytes(_ path: String) -> [UInt8] {
        ["", "-wal", "-journal"].flatMap { suffix in
            (FileManager.default.contents(atPath: path + suffix)).map { [UInt8]($0) } ?? []
        }
    }

    /// SHA-256 of `text` by `sha256sum`, as raw bytes.
    static func sha256(_ text: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let hex = Array(String(decoding: data, as: UTF8.self).prefix(64))
        guard hex.count == 64 else { throw RawHTTPError(description: "sha256sum printed \(hex)") }
        return stride(from: 0, to: 64, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! }
    }
}
