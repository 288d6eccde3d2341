/// Reads the fields of one JSON object by name, reporting each problem with its path.
/// Returns nil for a missing or ill-typed field after reporting it, so that callers can read every
/// field and report all problems at once.
public struct FieldReader {
    public let object: JSONObject
    public let path: String
    public let report: ValidationReport

    public init(_ object: JSONObject, path: String = "$", report: ValidationReport) {
        self.object = object
        self.path = path
        self.report = report
    }

    /// Reads a top-level document, which must be an object.
    public static func document(_ value: JSONValue, report: ValidationReport) throws(DomainError) -> FieldReader {
        guard case .object(let object) = value else {
            throw .invalid([ValidationError(path: "$", message: "must be a JSON object, not \(value.typeName)")])
        }
        return FieldReader(object, report: report)
    }

    public func pathOf(_ key: String) -> String { "\(path).\(key)" }

    /// Reports every key not in `allowed`: a misspelt field is an error, not silently ignored.
    public func rejectUnknownKeys(_ allowed: Set<String>) {
        for key in object.keys where !allowed.contains(key) {
            report.add(pathOf(key), "unknown field")
        }
    }

    public func string(_ key: String, required: Bool, rule: TextRule) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            report.add(pathOf(key), "must be a string, not \(value.typeName)")
            return nil
        }
        if let problem = rule.problem(with: text) {
            report.add(pathOf(key), problem)
            return nil
        }
        return text
    }

    public func bool(_ key: String, required: Bool) -> Bool? {
        guard let value = present(key, required: required) else { return nil }
        guard case .bool(let flag) = value else {
            report.add(pathOf(key), "must be true or false, not \(value.typeName)")
            return nil
        }
        return flag
    }

    public func integer(_ key: String, required: Bool, range: ClosedRange<Int64>) -> Int64? {
        guard let value = present(key, required: required) else { return nil }
        guard case .int(let number) = value else {
            report.add(pathOf(key), "must be an integer, not \(value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            report.add(pathOf(key), "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    public func object(_ key: String, required: Bool) -> JSONObject? {
        guard let value = present(key, required: required) else { return nil }
        guard case .object(let nested) = value else {
            report.add(pathOf(key), "must be an object, not \(value.typeName)")
            return nil
        }
        return nested
    }

    /// A reader for each object of the array at `key`, which must hold `count` elements (else that
    /// is reported and the answer is nil); an element that is not an object is reported and left out.
    public func objectList(_ key: String, count: ClosedRange<Int>, noun: String) -> [FieldReader]? {
        let path = pathOf(key)
        guard case .array(let elements)? = object[key], count.contains(elements.count) else {
            report.add(path, "must be an array of \(count.lowerBound) to \(count.upperBound) \(noun)")
            return nil
        }
        return elements.enumerated().compactMap { index, element in
            guard case .object(let nested) = element else {
                report.add("\(path)[\(index)]", "must be an object")
                return nil
            }
            return FieldReader(nested, path: "\(path)[\(index)]", report: report)
        }
    }

    /// An array of strings each obeying `rule`, without duplicates.
    public func stringList(_ key: String, required: Bool, rule: TextRule, countMax: Int) -> [String]? {
        guard let value = present(key, required: required) else { return nil }
        guard case .array(let elements) = value else {
            report.add(pathOf(key), "must be an array of strings, not \(value.typeName)")
            return nil
        }
        guard elements.count <= countMax else {
            report.add(pathOf(key), "must have at most \(countMax) entries")
            return nil
        }
        var result: [String] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            let elementPath = "\(pathOf(key))[\(index)]"
            guard case .string(let text) = element else {
                report.add(elementPath, "must be a string, not \(element.typeName)")
                valid = false
                continue
            }
            if let problem = rule.problem(with: text) {
                report.add(elementPath, problem)
                valid = false
            } else if result.contains(text) {
                report.add(elementPath, "duplicate entry \"\(text)\"")
                valid = false
            } else {
                result.append(text)
            }
        }
        return valid ? result : nil
    }

    /// A string that must be one of the raw values of `T`.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool, as: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(key, required: required, rule: .word) else { return nil }
        guard let choice = T(rawValue: text) else {
            let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            report.add(pathOf(key), "must be one of \(names)")
            return nil
        }
        return choice
    }

    /// How many of `keys` are given a value: present and not null, as every reader method counts them.
    public func countGiven(_ keys: [String]) -> Int {
        keys.filter { key in object[key].map { $0 != .null } ?? false }.count
    }

    /// The value of `key` when present and not null; reports a missing required field.
    private func present(_ key: String, required: Bool) -> JSONValue? {
        guard let value = object[key], value != .null else {
            if required { report.add(pathOf(key), "is required") }
            return nil
        }
        return value
    }
}
