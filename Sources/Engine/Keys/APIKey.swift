/// What a key may do. See DESIGN.md "API key".
public enum KeyRole: String, Sendable, CaseIterable {
    /// Everything, including keys, configuration and the audit log.
    case admin
    /// Post events, manage members and organizations, read all.
    case integration
    /// Read all.
    case viewer
    /// One organization: sees only it and its members, may manage its own members.
    case partner
}

/// A token bucket's shape: `perSecond` tokens refill each second, up to `burst`.
public struct RateLimit: Sendable, Equatable {
    public var perSecond: Int
    public var burst: Int

    public init(perSecond: Int, burst: Int) {
        self.perSecond = perSecond
        self.burst = burst
    }
}

/// A stored API key. The secret itself is never stored: only its SHA-256.
public struct APIKey: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: KeyRole
    /// Set exactly for partner keys: the one organization the key is scoped to.
    public var organizationID: String?
    public var secretHash: [UInt8]
    /// Overrides the role's default rate limit; nil means "use the role's default".
    public var rateLimit: RateLimit?
    public var createdAt: Timestamp
    public var createdBy: String?
    public var revokedAt: Timestamp?

    public init(
        id: String, name: String, role: KeyRole, organizationID: String?, secretHash: [UInt8],
        rateLimit: RateLimit?, createdAt: Timestamp, createdBy: String?, revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.organizationID = organizationID
        self.secretHash = secretHash
        self.rateLimit = rateLimit
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }

    /// Who this key acts as.
    public var principal: Principal {
        Principal(keyID: id, role: role, organizationID: organizationID)
    }
}
