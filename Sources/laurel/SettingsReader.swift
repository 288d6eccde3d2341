import Engine

/// Reads one object of the config file, remembering which keys were used so that unknown ones
/// (typos) are reported, each with its path.
struct SettingsReader {
    let path: String
    let object: JSONObject
    private(set) var used: Set<String> = []
    private(set) var problems: [String] = []

    init(path: String, object: JSONObject) {
        self.path = path
        self.object = object
    }

    mutating func string(_ key: String, _ apply: (String) -> Void) {
        guard let value = take(key) else { return }
        guard case .string(let text) = value else { return problem(key, "must be a string") }
        apply(text)
    }

    mutating func bool(_ key: String, _ apply: (Bool) -> Void) {
        guard let value = take(key) else { return }
        guard case .bool(let flag) = value else { return problem(key, "must be true or false") }
        apply(flag)
    }

    mutating func integer(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
        guard let value = take(key) else { return }
        guard case .int(let number) = value, range.contains(Int(number)) else {
            return problem(key, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        apply(Int(number))
    }

    mutating func choice<T: RawRepresentable>(_ key: String, _ type: T.Type, _ apply: (T) -> Void) where T.RawValue == String {
        guard let value = take(key) else { return }
        guard case .string(let text) = value, let choice = T(rawValue: text.uppercased()) ?? T(rawValue: text) else {
            return problem(key, "is not an accepted value")
        }
        apply(choice)
    }

    mutating func choiceText(_ key: String, _ accepted: [String], _ apply: (String) -> Void) {
        guard let value = take(key) else { return }
        guard case .string(let text) = value, accepted.contains(text) else {
            return problem(key, "must be one of \(accepted.joined(separator: ", "))")
        }
        apply(text)
    }

    mutating func section(_ key: String, _ body: (inout SettingsReader) -> Void) {
        guard let value = take(key) else { return }
        guard case .object(let nested) = value else { return problem(key, "must be an object") }
        var reader = SettingsReader(path: "\(path).\(key)", object: nested)
        body(&reader)
        problems += reader.finish()
    }

    /// A section that may be `null`, which means "switch this off".
    mutating func nullableSection(_ key: String, onNull: () -> Void, _ body: (inout SettingsReader) -> Void) {
        if object[key] == .null, object[key] != nil {
            used.insert(key)
            return onNull()
        }
        section(key, body)
    }

    /// Records a problem with a value a closure found unacceptable.
    mutating func refuse(_ key: String, _ message: String) {
        problem(key, message)
    }

    /// Problems found, plus every key nobody asked for.
    func finish() -> [String] {
        problems + object.keys.filter { !used.contains($0) && !$0.hasPrefix("//") }.map { "\(path).\($0): unknown setting" }
    }

    /// The value of `key`; null counts as absent (the default applies).
    private mutating func take(_ key: String) -> JSONValue? {
        used.insert(key)
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    private mutating func problem(_ key: String, _ message: String) {
        problems.append("\(path).\(key): \(message)")
    }
}
