import Glibc

/// epoll, eventfd and accept4, which the Glibc module does not import. They are looked up once
/// with dlsym and called through C function pointers (the C calling convention, unlike
/// `@_silgen_name`), so no C shim target is needed.
enum LinuxSystem {
    static let EPOLLIN: UInt32 = 0x001
    static let EPOLLOUT: UInt32 = 0x004
    static let EPOLLERR: UInt32 = 0x008
    static let EPOLLHUP: UInt32 = 0x010
    static let EPOLL_CTL_ADD: Int32 = 1
    static let EPOLL_CTL_MOD: Int32 = 3
    static let EPOLL_CLOEXEC: Int32 = 0x80000
    static let EFD_CLOEXEC: Int32 = 0x80000
    static let EFD_NONBLOCK: Int32 = 0x800

    /// `struct epoll_event` is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16).
    #if arch(x86_64)
    static let epollEventStride = 12
    #else
    static let epollEventStride = 16
    #endif
    private static let epollDataOffset = epollEventStride - 8

    private typealias CreateFunction = @convention(c) (Int32) -> Int32
    private typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32
    private typealias AcceptFunction = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let pointer = dlsym(nil, name) else { fatalError("\(name) not found in the C library") }
        return unsafeBitCast(pointer, to: type)
    }

    private static let createFunction = symbol("epoll_create1", as: CreateFunction.self)
    private static let controlFunction = symbol("epoll_ctl", as: ControlFunction.self)
    private static let waitFunction = symbol("epoll_wait", as: WaitFunction.self)
    private static let eventFDFunction = symbol("eventfd", as: EventFDFunction.self)
    private static let acceptFunction = symbol("accept4", as: AcceptFunction.self)

    static func epollCreate() -> Int32 { createFunction(EPOLL_CLOEXEC) }

    static func epollControl(_ epollFD: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        var event: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &event) { bytes in
            bytes.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            bytes.storeBytes(of: data, toByteOffset: epollDataOffset, as: UInt64.self)
            return controlFunction(epollFD, operation, fd, bytes.baseAddress)
        }
    }

    /// Waits into `buffer` (room for `buffer.count / epollEventStride` events).
    static func epollWait(_ epollFD: Int32, _ buffer: UnsafeMutableRawBufferPointer, timeoutMs: Int32) -> Int32 {
        waitFunction(epollFD, buffer.baseAddress, Int32(buffer.count / epollEventStride), timeoutMs)
    }

    static func event(in buffer: UnsafeMutableRawBufferPointer, at index: Int) -> (events: UInt32, data: UInt64) {
        let base = index * epollEventStride
        return (buffer.loadUnaligned(fromByteOffset: base, as: UInt32.self),
                buffer.loadUnaligned(fromByteOffset: base + epollDataOffset, as: UInt64.self))
    }

    static func eventFD() -> Int32 { eventFDFunction(0, EFD_NONBLOCK | EFD_CLOEXEC) }

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
        acceptFunction(fd, address, length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
    }
}
