public import Engine
public import HTTP

/// What a handler answers. Built with the helpers below so that every JSON answer has the same
/// content type and every error is problem+json.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        return APIResponse(status: status, headers: headers, body: JSONWriter.bytes(value))
    }

    public static func text(_ text: String, contentType: String, status: Int = 200) -> APIResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", contentType)
        return APIResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    public static let noContent = APIResponse(status: 204)

    /// A list page in Laurel's one shape: `{"items": [...], "next_cursor": "…" | null}`.
    public static func page<Item>(_ page: Page<Item>, _ render: (Item) -> JSONValue) -> APIResponse {
        .json(.object(JSONObject([
            ("items", .array(page.items.map(render))),
            ("next_cursor", page.nextAfter.map { .string(Cursor.encode($0)) } ?? .null),
        ])))
    }

    public func with(header name: String, _ value: String) -> APIResponse {
        var copy = self
        copy.headers.set(name, value)
        return copy
    }
}
