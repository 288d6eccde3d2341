/// How much one simulation may do. A simulation holds one read snapshot open for its whole run,
/// so its size is bounded up front rather than discovered halfway.
public struct SimulationLimits: Sendable, Equatable {
    /// Events in the range (after the filters, reversed ones included); more is refused with 422.
    public var eventsMax: Int = 100_000
    /// The longest range `from`…`to`, in days.
    public var rangeDaysMax: Int64 = 366
    /// Candidate rules in one request.
    public var candidatesMax: Int = 100
    /// Largest `top` (members and organizations most affected).
    public var topMax: Int64 = 100
    /// Largest `samples` (explained fires and non-fires kept per rule, each).
    public var samplesMax: Int64 = 10
    /// Events read per page from the snapshot: what is in memory at once.
    public var eventsPerPage: Int = 500

    public init() {}

    public static let standard = SimulationLimits()
}
