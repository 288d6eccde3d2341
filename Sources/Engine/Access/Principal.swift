/// Who is asking: the key behind a request, reduced to what authorization needs.
public struct Principal: Sendable, Equatable {
    public var keyID: String
    public var role: KeyRole
    /// The only organization a partner key may see; nil for program-wide roles.
    public var organizationID: String?

    public init(keyID: String, role: KeyRole, organizationID: String?) {
        self.keyID = keyID
        self.role = role
        self.organizationID = organizationID
    }

    public var isAdmin: Bool { role == .admin }

    /// May create, change and delete organizations and members program-wide.
    public var managesDirectory: Bool { role == .admin || role == .integration }

    /// May see this organization and everything in it. Partner keys see exactly one.
    public func canSee(organizationID id: String) -> Bool {
        role != .partner || organizationID == id
    }

    /// May create, change or delete members of this organization.
    public func canManageMembers(of organizationID: String) -> Bool {
        managesDirectory || (role == .partner && self.organizationID == organizationID)
    }
}
