/// `laurel [command words…] [--flag value | --flag=value]…`: words before or between flags name
/// the command, flags carry values.
struct CommandLineArguments {
    var words: [String] = []
    var flags: [String: String] = [:]
    var wantsHelp = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" || argument == "help" {
                wantsHelp = true
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    flags[String(body[..<equals])] = String(body[body.index(after: equals)...])
                } else {
                    guard index < arguments.count else { throw Failure(description: "--\(body) needs a value") }
                    flags[String(body)] = arguments[index]
                    index += 1
                }
            } else {
                words.append(argument)
            }
        }
    }
}

enum Usage {
    static let text = """
        laurel — loyalty and gamification server for B2B programs

        Usage: laurel [command] [flags]

        Commands:
          serve                 Serve the HTTP API (the default). Applies pending migrations first and, on
                                the first start, prints a new admin key once (or uses LAUREL_ADMIN_KEY).
          migrate               Apply pending migrations and exit.
          keys create           Create an API key and print it once:
                                  --role admin|integration|viewer|partner  [--organization-id ID]  [--name NAME]
          keys revoke ID        Revoke a key (a running server sees it within key_cache_ttl_ms).
          backup PATH           Online backup of the database, consistent even while the server writes.
          version               Print the version.

        Flags (override LAUREL_* variables, which override the config file):
          --config PATH         JSON config file (LAUREL_CONFIG); see config.example.json
          --host ADDRESS        Listen address (LAUREL_HOST, default 127.0.0.1)
          --port N              Listen port, 0 for any free one (LAUREL_PORT, default 8080)
          --db PATH             Database file (LAUREL_DB, default ./laurel.db)
          --migrations-dir DIR  Where NNNN_name.sql files are (LAUREL_MIGRATIONS_DIR)
          --synchronous MODE    off|normal|full|extra (LAUREL_SYNCHRONOUS, default full)
          --readers N           Read connections (LAUREL_READERS, default 4)
          --event-loops N       HTTP event loop threads (LAUREL_EVENT_LOOPS, default 2)
          --log-level LEVEL     debug|info|warning|error (LAUREL_LOG_LEVEL, default info)
          --log-requests BOOL   One log line per request (LAUREL_LOG_REQUESTS, default true)
          --exit-with-parent BOOL  Shut down when the starting process exits (LAUREL_EXIT_WITH_PARENT, default false)
          --webhooks-timeout-ms N, --webhooks-concurrency N, --webhooks-retry-base-ms N, --webhooks-retry-window-s N
                                Webhook delivery (LAUREL_WEBHOOKS_*; see config.example.json "webhooks")
          --sql-profile PATH    Diagnostic: sum the writer's time per SQL statement and write it to PATH
                                (tab-separated, most time first) on shutdown (LAUREL_SQL_PROFILE)
          --test-clock-offset-ms N  Tests only: run the server's clock N ms ahead (LAUREL_TEST_CLOCK_OFFSET_MS)
          LAUREL_ADMIN_KEY      The bootstrap admin key (lrl_<id>_<secret>) instead of a generated one;
                                used only while no active admin key exists.
        """
}

enum Version {
    static let current = "0.1.0"
}
