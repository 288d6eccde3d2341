public protocol DisputeReader {
    func dispute(id: String) throws -> Dispute?
    /// The open dispute of a record, if any.
    func openDispute(subject: Dispute.Subject, subjectID: String) throws -> Dispute?
    /// Newest first; only of one organization and/or status when given.
    func disputes(organizationID: String?, status: Dispute.Status?, page: PageRequest) throws -> Page<Dispute>
}

public protocol DisputeWriter: DisputeReader {
    /// Inserts or replaces by id; keeps the disputed interaction's status in step (open: `disputed`,
    /// voided: `voided`, upheld: `counted`).
    func save(_ dispute: Dispute) throws
}
