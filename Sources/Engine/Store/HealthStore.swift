public protocol FeedbackReader {
    func feedback(id: String) throws -> Feedback?
    /// An organization's feedback recorded at or after `from`, oldest first.
    func feedback(organizationID: String, from: Timestamp) throws -> [Feedback]
    /// Newest first, of one organization when given.
    func feedback(organizationID: String?, page: PageRequest) throws -> Page<Feedback>
}

public protocol FeedbackWriter: FeedbackReader {
    func insert(_ feedback: Feedback) throws
}

/// What account health reads of an organization's activity in `[from, until)`.
public protocol EngagementReader {
    /// Distinct members of the organization with an event in the range (reversed ones excluded).
    func activeMembers(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int
    /// Events of the organization or its members in the range (reversed ones excluded).
    func eventCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int
    /// Redemptions placed by its members in the range, cancelled ones excluded.
    func redemptionCount(organizationID: String, from: Timestamp, until: Timestamp) throws -> Int
}
