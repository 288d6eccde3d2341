import CSQLite

/// The WAL frames a connection has written and the file has not yet received (`WALWriteGathering`).
///
/// SQLite appends a frame as two writes, its 24-byte header and then its page. The buffer keeps
/// exactly that pattern, a header and then the page right after it, as long as each comes right
/// after what it holds. Everything else reaches the file at once, after what the buffer holds:
/// - a commit frame (its header names the database size), header and page each as it comes, so
///   that when SQLite publishes the commit to readers in the shared WAL index, every frame of it is
///   in the file;
/// - any other write (the WAL header, a page rewritten in place), which goes straight through;
/// - before any other call on the file (`flush()`): SQLite never reads back, syncs, truncates or
///   measures what it has not handed over.
/// Frames that SQLite later discards (those of a transaction rolled back after its pages spilled)
/// may reach the file later than they would have, beyond the last commit, where SQLite ignores them.
///
/// Used by the one connection that owns the file, one thread at a time, like the connection itself.
final class WALWriteBuffer {
    /// The default VFS's file object, which does the I/O.
    let file: UnsafeMutablePointer<sqlite3_file>
    /// How many writes the file has received through this buffer (for tests).
    private(set) var writesToFile = 0

    private var bytes: UnsafeMutableRawPointer?
    private var count = 0
    /// The file offset of the first buffered byte.
    private var start: Int64 = 0
    /// Set by a buffered frame header: where its page must come, and whether it ends a commit.
    private var pageExpected: (offset: Int64, endsCommit: Bool)?

    /// The file format's sizes: the WAL header before the first frame, and a frame's header.
    static let walHeaderSize: Int64 = 32
    static let frameHeaderSize = 24
    /// The most one write hands the default VFS: it keeps only the low 17 bits of a write's length
    /// (`seekAndWriteFd`), so a write of 128 KiB or more would come out short. 30 frames of 4 KiB.
    static let capacity = 124 * 1024

    init(file: UnsafeMutablePointer<sqlite3_file>) {
        self.file = file
    }

    deinit {
        bytes?.deallocate()
    }

    func write(_ data: UnsafeRawPointer, _ amount: Int, at offset: Int64) -> Int32 {
        let expected = pageExpected
        pageExpected = nil
        if let expected, offset == expected.offset {
            return append(data, amount, at: offset, thenFlush: expected.endsCommit)
        }
        if amount == Self.frameHeaderSize && offset >= Self.walHeaderSize {
            // Bytes 4–7 of a frame header: the database size in pages after a commit, else 0.
            let endsCommit = (4..<8).contains { data.load(fromByteOffset: $0, as: UInt8.self) != 0 }
            let code = append(data, amount, at: offset, thenFlush: endsCommit)
            if code == SQLITE_OK { pageExpected = (offset + Int64(amount), endsCommit) }
            return code
        }
        let flushed = flush()
        guard flushed == SQLITE_OK else { return flushed }
        return writeToFile(data, amount, at: offset)
    }

    /// Hands what is buffered to the file. After a failure the buffer is dropped: SQLite fails the
    /// write or read that needed it, and with it the transaction.
    func flush() -> Int32 {
        guard count > 0, let bytes else { return SQLITE_OK }
        let size = count
        count = 0
        return writeToFile(bytes, size, at: start)
    }

    private func append(_ data: UnsafeRawPointer, _ amount: Int, at offset: Int64, thenFlush: Bool) -> Int32 {
        if count > 0 && (offset != start + Int64(count) || count + amount > Self.capacity) {
            let flushed = flush()
            guard flushed == SQLITE_OK else { return flushed }
        }
        guard amount <= Self.capacity else { return writeToFile(data, amount, at: offset) }
        let bytes = bytes ?? UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 16)
        self.bytes = bytes
        if count == 0 { start = offset }
        (bytes + count).copyMemory(from: data, byteCount: amount)
        count += amount
        return thenFlush ? flush() : SQLITE_OK
    }

    private func writeToFile(_ data: UnsafeRawPointer, _ amount: Int, at offset: Int64) -> Int32 {
        writesToFile += 1
        return file.pointee.pMethods.pointee.xWrite(file, data, Int32(amount), offset)
    }
}
