import Glibc

/// The few POSIX socket calls the server needs, with `EINTR` and `SIGPIPE` dealt with in one place.
enum Socket {
    /// Opens a TCP listener on 127.0.0.1 (never on other interfaces: this server has fake data and a
    /// known token). Port 0 lets the kernel pick a free port, so parallel tests never collide.
    static func makeListener(port: UInt16) throws(VidaTestServerError) -> (fd: Int32, port: UInt16) {
        // CLOEXEC: the CLI tests start subprocesses, which must not inherit our sockets.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw VidaTestServerError(operation: "socket", code: errno) }
        // A demo server restarted on its fixed port must not wait for TIME_WAIT to expire.
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw VidaTestServerError(operation: "bind", code: code)
        }
        guard listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw VidaTestServerError(operation: "listen", code: code)
        }

        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                getsockname(fd, socketAddress, &length)
            }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw VidaTestServerError(operation: "getsockname", code: code)
        }
        return (fd, UInt16(bigEndian: actual.sin_port))
    }

    /// Accepts one connection; `nil` with `errno` set when accept failed.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                // accept4 is not visible from Swift's Glibc module; close-on-exec set right after.
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                return fd
            }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Per-connection options: no Nagle delay (responses go out in one write anyway, but 100
    /// Continue and the truncated bodies of `closeMidBody` must not wait), and timeouts so an idle
    /// keep-alive connection or a client that stops reading does not hold a thread forever.
    static func configureConnection(_ fd: Int32, idleSeconds: Int) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        setTimeout(fd, option: SO_RCVTIMEO, seconds: idleSeconds)
        setTimeout(fd, option: SO_SNDTIMEO, seconds: 10)
    }

    static func setTimeout(_ fd: Int32, option: Int32, seconds: Int) {
        var interval = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, option, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads what is available into `buffer`; returns the byte count, 0 at end of stream, -1 on
    /// error or timeout.
    static func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress, raw.count, 0)
            }
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }

    /// Writes all of `bytes`; `false` when the peer went away. `MSG_NOSIGNAL` because a client
    /// that hung up must not kill the test process with `SIGPIPE`.
    @discardableResult
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            if sent == 0 { return false }
            offset += sent
        }
        return true
    }

    /// Closes after telling the peer we are done writing and reading what it still sends (up to a
    /// limit, for at most a second): closing with unread input makes the kernel send a reset,
    /// which can destroy a 400 or 413 response before the client has read it.
    static func closeGracefully(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
        setTimeout(fd, option: SO_RCVTIMEO, seconds: 1)
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var drained = 0
        while drained < 4 * 1_048_576 {
            let count = receive(fd, into: &scratch)
            if count <= 0 { break }
            drained += count
        }
        close(fd)
    }
}
