import Engine

/// RFC 4180 text: a header row, then one record per row, each line ended by CRLF. A field is
/// quoted when it holds a comma, a double quote, CR or LF, and a double quote inside is doubled;
/// every other field is written as it is, so numbers stay numbers for spreadsheets.
struct CSVEncoder {
    let header: [String]
    private(set) var text: String

    init(header: [String]) {
        precondition(!header.isEmpty, "a CSV table has at least one column")
        self.header = header
        self.text = ""
        appendLine(header)
    }

    /// Appends one record; it must have one field per header column.
    mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "a record has \(fields.count) fields for \(header.count) columns")
        appendLine(fields)
    }

    /// A JSON scalar as a field's text: strings as they are, numbers and booleans as JSON writes
    /// them, null (and anything nested) empty.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .double(let number)?: String(number)
        case .bool(let flag)?: flag ? "true" : "false"
        default: ""
        }
    }

    static func field(_ value: String) -> String {
        // By scalar: "\r\n" is one Character, and would slip past a per-Character test for "\r".
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    private mutating func appendLine(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",")
        text += "\r\n"
    }
}
