import Engine

/// The problems a draft parser reported, or [] when it accepted the document.
func problems(_ parse: () throws -> Void) -> [ValidationError] {
    do {
        try parse()
        return []
    } catch DomainError.invalid(let errors) {
        return errors
    } catch {
        return [ValidationError(path: "unexpected", message: "\(error)")]
    }
}

func paths(_ parse: () throws -> Void) -> [String] {
    problems(parse).map(\.path)
}

func object(_ count: Int) -> JSONValue {
    .object(JSONObject((0..<count).map { (key: "k\($0)", value: .int(Int64($0))) }))
}
