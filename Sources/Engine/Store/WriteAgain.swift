/// Thrown by a write body to have everything it wrote undone and to be run once more. The body
/// keeps what it learnt in its own state and runs differently the second time; thrown again from
/// that second run, it fails the write.
public struct WriteAgain: Error, Sendable {
    public init() {}
}

/// How much the write's transaction has changed so far.
public protocol WriteCounter {
    /// Rows inserted, updated or deleted so far, triggers included. Unchanged across some work
    /// means that work wrote nothing: a refusal it ended in needs no undoing.
    func rowsWritten() -> Int64
}
