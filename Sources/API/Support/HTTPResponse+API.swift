public import Engine
public import HTTP

/// What handlers answer: the HTTP layer's response, built with these helpers so that every JSON
/// answer has the same content type and every error is problem+json.
extension HTTPResponse {
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        json(bytes: JSONWriter.bytes(value), status: status)
    }

    /// A JSON document already written, e.g. an answer that was also stored as it was sent.
    public static func json(bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }

    public static func text(_ text: String, contentType: String, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    public static let noContent = HTTPResponse(status: 204)

    /// A list page in Laurel's one shape: `{"items": [...], "next_cursor": "…" | null}`.
    public static func page<Item>(_ page: Page<Item>, _ render: (Item) -> JSONValue) -> HTTPResponse {
        .json(.object(JSONObject([
            ("items", .array(page.items.map(render))),
            ("next_cursor", page.nextAfter.map { .string(Cursor.encode($0)) } ?? .null),
        ])))
    }

    public func with(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.set(name, value)
        return copy
    }
}
