extension MemberCard {
    /// How the member appears in lists others read (leaderboards, the feed): by name when the
    /// profile is public, and otherwise only to admin keys, keys of its own organization, and the
    /// member itself (`asMember`, the member a portal shows the list to); else anonymously.
    public func shown(to principal: Principal, asMember: String?) -> JSONValue {
        let named = publicProfile || principal.isAdmin || asMember == id || principal.organizationID == organizationID
        guard named else { return .object(JSONObject([("anonymous", .bool(true))])) }
        return .object(JSONObject([
            ("id", .string(id)), ("name", name.map(JSONValue.string) ?? .null),
            ("organization_id", .string(organizationID)), ("team", team.map(JSONValue.string) ?? .null),
        ]))
    }
}
