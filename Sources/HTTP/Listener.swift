import Glibc

/// Creates the listening socket for a numeric IPv4 or IPv6 host (or `localhost`); no DNS.
enum Listener {
    /// Returns the socket and the port actually bound.
    static func bind(host requested: String, port: Int, backlog: Int) throws(HTTPServerError) -> (Socket, Int) {
        let host = requested == "localhost" ? "127.0.0.1" : requested
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { throw .invalidHost(requested) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw .invalidHost(requested) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .systemCall("socket", errno) }
        let listener = Socket(fd: fd)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else { throw .systemCall("bind", errno) }
        guard listen(fd, Int32(backlog)) == 0 else { throw .systemCall("listen", errno) }
        Socket.setNonBlocking(fd)
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        guard named == 0 else { throw .systemCall("getsockname", errno) }
        let boundPort = withUnsafeBytes(of: &actual) { bytes -> UInt16 in
            family == AF_INET6
                ? bytes.load(as: sockaddr_in6.self).sin6_port
                : bytes.load(as: sockaddr_in.self).sin_port
        }
        return (listener, Int(UInt16(bigEndian: boundPort)))
    }
}
