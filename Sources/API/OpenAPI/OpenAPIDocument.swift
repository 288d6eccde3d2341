import Engine

/// Builds the OpenAPI 3.1 document from the route table and the schemas in `OpenAPISchemas`.
enum OpenAPIDocument {
    static func build(routes: [RouteSpec], version: String) -> JSONValue {
        var paths = JSONObject()
        for route in routes {
            let key = route.pattern
            var item = paths[key]?.objectValue ?? JSONObject()
            item[route.method.lowercased()] = operation(route)
            paths[key] = .object(item)
        }
        return .object(JSONObject([
            ("openapi", "3.1.0"),
            ("info", .object(JSONObject([
                ("title", "Laurel"),
                ("version", .string(version)),
                ("description", """
                    Loyalty and gamification for B2B programs. JSON over HTTP/1.1; send `Authorization: Bearer <key>`. \
                    Errors are application/problem+json (RFC 9457) with `errors[].path` for each problem. \
                    Lists answer {"items": [...], "next_cursor": "…"}; pass next_cursor back as `cursor`.
                    """),
            ]))),
            ("servers", [["url": "/"]]),
            ("security", [["bearer": []]]),
            ("tags", .array(Set(routes.map(\.tag)).sorted().map { ["name": .string($0)] })),
            ("paths", .object(paths)),
            ("components", .object(JSONObject([
                ("securitySchemes", ["bearer": ["type": "http", "scheme": "bearer", "description": "An API key, lrl_<id>_<secret>."]]),
                ("schemas", .object(OpenAPISchemas.all)),
                ("responses", .object(commonResponses)),
            ]))),
        ]))
    }

    private static func operation(_ route: RouteSpec) -> JSONValue {
        var operation = JSONObject([
            ("operationId", .string(operationID(route))),
            ("summary", .string(route.summary)),
            ("tags", [.string(route.tag)]),
        ])
        if route.access == .open { operation["security"] = [] }
        // Who may call it, before scope checks: "open", "any_key", "read_all" (not partner keys) or "admin".
        operation["x-laurel-access"] = .string(accessName(route.access))
        var parameters: [JSONValue] = pathParameters(route.pattern).map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += route.query.map { parameter in
            ["name": .string(parameter.name), "in": "query", "required": false, "description": .string(parameter.description),
             "schema": parameter.schema]
        }
        if case .byHeader = route.idempotency {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description": "Same key and body: the stored answer again (Idempotent-Replayed: true). Same key, other body: 422. In flight: 409.",
                "schema": ["type": "string", "maxLength": 255],
            ])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let schema = route.requestSchema {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(schema)]]]
        }
        var responses = JSONObject()
        for response in route.responses {
            var entry = JSONObject([("description", .string(response.description))])
            if let schema = response.schema {
                let mediaType = schema == "Problem" ? "application/problem+json" : "application/json"
                var content = JSONObject([(mediaType, ["schema": ref(schema)])])
                if response.status == 200, let columns = route.csvColumns {
                    content["text/csv"] = [
                        "schema": ["type": "string", "description": .string("RFC 4180 with a header row: \(columns.joined(separator: ",")). "
                            + "The next page is in `Link: <…>; rel=\"next\"`.")],
                    ]
                }
                entry["content"] = .object(content)
            } else if route.pattern == "/metrics" {
                entry["content"] = ["text/plain": ["schema": ["type": "string"]]]
            }
            responses[String(response.status)] = .object(entry)
        }
        for status in commonStatuses(route) where responses[status] == nil {
            responses[status] = ["$ref": .string("#/components/responses/\(status)")]
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    static func accessName(_ access: Access) -> String {
        switch access {
        case .open: "open"
        case .anyKey: "any_key"
        case .readAll: "read_all"
        case .admin: "admin"
        }
    }

    private static func commonStatuses(_ route: RouteSpec) -> [String] {
        var statuses: [String] = []
        if route.requestSchema != nil || !route.query.isEmpty || route.method == "PUT" { statuses.append("400") }
        if route.access != .open { statuses += ["401", "403", "429"] }
        if route.pattern.contains("{") { statuses.append("404") }
        if route.requestSchema != nil { statuses += ["413", "415"] }
        if case .byHeader = route.idempotency { statuses += ["409", "422"] }
        return statuses
    }

    private static let commonResponses: JSONObject = {
        let problems: [(String, String)] = [
            ("400", "The request is malformed; `errors` gives the path of each problem."),
            ("401", "No key, or not a valid active key."),
            ("403", "The key's role may not do this."),
            ("404", "Not found, or outside the key's organization."),
            ("409", "Conflict with the current state, or the same Idempotency-Key is still in flight."),
            ("413", "The body is larger than the configured limit."),
            ("415", "The body is not application/json."),
            ("422", "Well-formed but refers to what does not exist, or reuses an Idempotency-Key with another body."),
            ("429", "The key's rate limit is exhausted; see Retry-After."),
        ]
        return JSONObject(problems.map { status, description in
            (key: status, value: ["description": .string(description), "content": ["application/problem+json": ["schema": ref("Problem")]]])
        })
    }()

    static func ref(_ schema: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(schema)")] }

    private static func pathParameters(_ pattern: String) -> [String] {
        pattern.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }

    private static func operationID(_ route: RouteSpec) -> String {
        let words = route.pattern.split(separator: "/").map { part -> String in
            let clean = part.hasPrefix("{") ? "by-" + part.dropFirst().dropLast() : String(part)
            return clean.replacingAll(".", with: "-")
        }
        return ([route.method.lowercased()] + words).joined(separator: "-")
    }
}
