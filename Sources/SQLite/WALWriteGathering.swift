import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A VFS over SQLite's default one whose WAL files gather the frames of a commit into a few large
/// writes (`WALWriteBuffer`). The writer's connection opens with it
/// (`SQLiteConfiguration.gathersWALWrites`); every other file it opens is the default VFS's own.
///
/// Why: SQLite writes each WAL frame as two writes, its header and then its page, and the page
/// starts 24 bytes past a page boundary of the file, so the kernel handles three pages of its cache
/// per frame and a commit of a hundred frames costs two hundred system calls. Under single events
/// that was 15 % of the writer's time; gathered, the kernel handles each cached page once.
enum WALWriteGathering {
    static let vfsName = "laurel-wal-gathering"

    /// Registers the VFS, once; false if SQLite has no default VFS to build on.
    static let registered: Bool = register()

    /// The default VFS, which opens every file and does the I/O.
    nonisolated(unsafe) private(set) static var base: UnsafeMutablePointer<sqlite3_vfs>?

    private static func register() -> Bool {
        // Finding a VFS initialises SQLite, after which the library's own settings can no longer be set.
        _ = SQLiteLibrary.configured
        guard let base = sqlite3_vfs_find(nil) else { return false }
        self.base = base
        let vfs = UnsafeMutablePointer<sqlite3_vfs>.allocate(capacity: 1)  // registered for the process's life
        vfs.initialize(to: base.pointee)
        vfs.pointee.pNext = nil
        vfs.pointee.szOsFile = base.pointee.szOsFile + Int32(GatheringWALFile.baseFileOffset)
        vfs.pointee.zName = UnsafePointer(strdup(vfsName))
        vfs.pointee.xOpen = { _, name, file, flags, outFlags in
            GatheringWALFile.open(name, file!, flags, outFlags)
        }
        return sqlite3_vfs_register(vfs, 0) == SQLITE_OK
    }
}

/// A WAL file opened through `WALWriteGathering`: SQLite's `sqlite3_file` header (the methods
/// below), then the `WALWriteBuffer`, then the default VFS's file object. Any other file is the
/// default VFS's file object alone, at the start of the space SQLite gives.
enum GatheringWALFile {
    static let bufferOffset = 8
    static let baseFileOffset = 16

    static func open(_ name: sqlite3_filename?, _ file: UnsafeMutablePointer<sqlite3_file>, _ flags: Int32,
                     _ outFlags: UnsafeMutablePointer<Int32>?) -> Int32 {
        guard let base = WALWriteGathering.base else { return SQLITE_ERROR }
        guard flags & SQLITE_OPEN_WAL != 0 else { return base.pointee.xOpen(base, name, file, flags, outFlags) }
        let baseFile = baseFile(of: file)
        let code = base.pointee.xOpen(base, name, baseFile, flags, outFlags)
        guard code == SQLITE_OK else {
            file.pointee.pMethods = nil  // then SQLite does not call xClose
            return code
        }
        let buffer = Unmanaged.passRetained(WALWriteBuffer(file: baseFile)).toOpaque()
        UnsafeMutableRawPointer(file).storeBytes(of: buffer, toByteOffset: bufferOffset, as: UnsafeMutableRawPointer.self)
        file.pointee.pMethods = UnsafePointer(methods)
        return SQLITE_OK
    }

    /// The buffer of a file these methods serve, or nil for any other file.
    static func buffer(of file: UnsafeMutablePointer<sqlite3_file>) -> WALWriteBuffer? {
        guard file.pointee.pMethods == UnsafePointer(methods) else { return nil }
        return unmanagedBuffer(of: file).takeUnretainedValue()
    }

    private static func baseFile(of file: UnsafeMutablePointer<sqlite3_file>) -> UnsafeMutablePointer<sqlite3_file> {
        UnsafeMutableRawPointer(file).advanced(by: baseFileOffset).assumingMemoryBound(to: sqlite3_file.self)
    }

    private static func unmanagedBuffer(of file: UnsafeMutablePointer<sqlite3_file>) -> Unmanaged<WALWriteBuffer> {
        let opaque = UnsafeMutableRawPointer(file).load(fromByteOffset: bufferOffset, as: UnsafeMutableRawPointer.self)
        return Unmanaged<WALWriteBuffer>.fromOpaque(opaque)
    }

    /// Hands the buffer to the file, then calls the default VFS's method.
    private static func afterFlush(_ file: UnsafeMutablePointer<sqlite3_file>?,
                                   _ call: (UnsafeMutablePointer<sqlite3_file>, sqlite3_io_methods) -> Int32) -> Int32 {
        let buffer = unmanagedBuffer(of: file!).takeUnretainedValue()
        let flushed = buffer.flush()
        guard flushed == SQLITE_OK else { return flushed }
        return call(buffer.file, buffer.file.pointee.pMethods.pointee)
    }

    /// The default VFS's method, for the calls that neither read nor change the file.
    private static func direct(_ file: UnsafeMutablePointer<sqlite3_file>?,
                               _ call: (UnsafeMutablePointer<sqlite3_file>, sqlite3_io_methods) -> Int32) -> Int32 {
        let baseFile = baseFile(of: file!)
        return call(baseFile, baseFile.pointee.pMethods.pointee)
    }

    /// Version 1: a WAL file uses neither shared memory nor memory mapping.
    nonisolated(unsafe) private static let methods: UnsafeMutablePointer<sqlite3_io_methods> = {
        var methods = sqlite3_io_methods()
        methods.iVersion = 1
        methods.xClose = { file in
            let buffer = unmanagedBuffer(of: file!)
            let flushed = buffer.takeUnretainedValue().flush()
            let closed = direct(file) { $1.xClose($0) }
            buffer.release()
            return flushed == SQLITE_OK ? closed : flushed
        }
        methods.xWrite = { file, data, amount, offset in
            unmanagedBuffer(of: file!).takeUnretainedValue().write(data!, Int(amount), at: offset)
        }
        methods.xRead = { file, data, amount, offset in afterFlush(file) { $1.xRead($0, data, amount, offset) } }
        methods.xTruncate = { file, size in afterFlush(file) { $1.xTruncate($0, size) } }
        methods.xSync = { file, flags in afterFlush(file) { $1.xSync($0, flags) } }
        methods.xFileSize = { file, size in afterFlush(file) { $1.xFileSize($0, size) } }
        methods.xLock = { file, lock in afterFlush(file) { $1.xLock($0, lock) } }
        methods.xUnlock = { file, lock in afterFlush(file) { $1.xUnlock($0, lock) } }
        methods.xCheckReservedLock = { file, out in afterFlush(file) { $1.xCheckReservedLock($0, out) } }
        methods.xFileControl = { file, op, argument in afterFlush(file) { $1.xFileControl($0, op, argument) } }
        methods.xSectorSize = { file in direct(file) { $1.xSectorSize($0) } }
        methods.xDeviceCharacteristics = { file in direct(file) { $1.xDeviceCharacteristics($0) } }
        let pointer = UnsafeMutablePointer<sqlite3_io_methods>.allocate(capacity: 1)  // for the process's life
        pointer.initialize(to: methods)
        return pointer
    }()
}

extension SQLiteConnection {
    /// How many writes the WAL file has received from this connection's `WALWriteBuffer`; nil when
    /// the connection does not gather its WAL writes or has no WAL open.
    var walWritesToFile: Int? {
        guard let database = try? database() else { return nil }
        var journal: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(database, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK,
              let journal, journal.pointee.pMethods != nil else { return nil }
        return GatheringWALFile.buffer(of: journal)?.writesToFile
    }
}
