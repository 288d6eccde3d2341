/// Thrown by a write body running bare to have everything it wrote undone and to be run once
/// more, in a savepoint of its own (`WriteRun.runsInOwnSavepoint`), where it may take care to
/// undo each of its parts alone. Thrown from inside that savepoint, it fails the write.
public struct WriteAgain: Error, Sendable {
    public init() {}
}

/// How the write being run stands.
public protocol WriteRun {
    /// Rows inserted, updated or deleted so far, triggers included. Unchanged across some work
    /// means that work wrote nothing: a refusal it ended in needs no undoing.
    func rowsWritten() -> Int64
    /// Whether the write runs in a savepoint of its own, as after a failure in its batch (or
    /// `WriteAgain`): throwing would undo it alone, and `WriteAgain` would fail it.
    func runsInOwnSavepoint() -> Bool
}
