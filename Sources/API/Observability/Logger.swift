public import Engine

/// Structured logging: one JSON object per line, so that log tools can filter by field.
/// Never given secrets: callers pass key ids, never key texts or headers.
public struct Logger: Sendable {
    public enum Level: String, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public let sink: any LogSink
    public let minimumLevel: Level
    private let clock: any Clock

    public init(sink: any LogSink, minimumLevel: Level = .info, clock: any Clock = SystemClock()) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.clock = clock
    }

    public func log(_ level: Level, _ message: String, _ fields: [(String, JSONValue)] = []) {
        guard level >= minimumLevel else { return }
        var object = JSONObject([("ts", .string(clock.now().rfc3339)), ("level", .string(level.rawValue)), ("msg", .string(message))])
        for (key, value) in fields { object[key] = value }
        sink.write(line: JSONWriter.string(.object(object)))
    }

    public func info(_ message: String, _ fields: [(String, JSONValue)] = []) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [(String, JSONValue)] = []) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: [(String, JSONValue)] = []) { log(.error, message, fields) }
}
