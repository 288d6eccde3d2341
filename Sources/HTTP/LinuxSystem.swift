import CLinux
import Glibc

/// epoll, eventfd and accept4 from the `CLinux` header module: real C declarations, so the
/// compiler checks `epoll_event`'s layout (packed on x86-64) and every constant.
enum LinuxSystem {
    static let EPOLLIN = CLinux.EPOLLIN.rawValue
    static let EPOLLOUT = CLinux.EPOLLOUT.rawValue
    static let EPOLLERR = CLinux.EPOLLERR.rawValue
    static let EPOLLHUP = CLinux.EPOLLHUP.rawValue
    static let EPOLL_CTL_ADD = CLinux.EPOLL_CTL_ADD
    static let EPOLL_CTL_MOD = CLinux.EPOLL_CTL_MOD

    static let epollEventStride = MemoryLayout<epoll_event>.stride

    static func epollCreate() -> Int32 { epoll_create1(Int32(EPOLL_CLOEXEC)) }

    static func epollControl(_ epollFD: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        var event = epoll_event()
        event.events = events
        event.data.u64 = data
        return epoll_ctl(epollFD, operation, fd, &event)
    }

    /// Waits into `buffer` (room for `buffer.count / epollEventStride` events).
    static func epollWait(_ epollFD: Int32, _ buffer: UnsafeMutableRawBufferPointer, timeoutMs: Int32) -> Int32 {
        let events = buffer.baseAddress!.assumingMemoryBound(to: epoll_event.self)
        return epoll_wait(epollFD, events, Int32(buffer.count / epollEventStride), timeoutMs)
    }

    static func event(in buffer: UnsafeMutableRawBufferPointer, at index: Int) -> (events: UInt32, data: UInt64) {
        let event = buffer.loadUnaligned(fromByteOffset: index * epollEventStride, as: epoll_event.self)
        return (event.events, event.data.u64)
    }

    static func eventFD() -> Int32 { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
        accept4(fd, address, length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
    }
}
