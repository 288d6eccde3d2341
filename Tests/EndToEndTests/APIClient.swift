import Foundation

/// JSON requests to a running server with one bearer key, a connection per request.
struct APIClient: Sendable {
    let port: Int
    let key: String?

    func request(
        _ method: String, _ path: String, json: Any? = nil, headers: [(String, String)] = []
    ) throws -> WireResponse {
        var all = headers
        if let key { all.append(("Authorization", "Bearer \(key)")) }
        var body: [UInt8]?
        if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            all.append(("Content-Type", "application/json"))
        }
        return try RawHTTP.request(port: port, method, path, headers: all, body: body)
    }

    func get(_ path: String) throws -> WireResponse { try request("GET", path) }

    func put(_ path: String, _ json: Any) throws -> WireResponse { try request("PUT", path, json: json) }

    func post(_ path: String, _ json: Any, headers: [(String, String)] = []) throws -> WireResponse {
        try request("POST", path, json: json, headers: headers)
    }

    func delete(_ path: String) throws -> WireResponse { try request("DELETE", path) }

    /// Creates a key; its secret and id.
    func createKey(_ body: [String: Any]) throws -> (secret: String, id: String) {
        let response = try post("/v1/keys", body)
        guard response.status == 201, let secret = response.json["secret"] as? String, let id = response.json["id"] as? String else {
            throw RawHTTPError(description: "key creation answered \(response.status): \(response.text)")
        }
        return (secret, id)
    }

    func organization(_ id: String, kind: String = "partner", parent: String? = nil) throws -> WireResponse {
        var body: [String: Any] = ["name": "Org \(id)", "kind": kind]
        if let parent { body["parent_id"] = parent }
        return try put("/v1/organizations/\(id)", body)
    }

    func member(_ id: String, organization: String, role: String = "sales", team: String? = nil) throws -> WireResponse {
        var body: [String: Any] = ["organization_id": organization, "role": role, "name": "Member \(id)"]
        if let team { body["team"] = team }
        return try put("/v1/members/\(id)", body)
    }
}
