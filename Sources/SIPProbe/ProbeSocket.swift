import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected POSIX socket for one probe, non-blocking, closed when it goes out of scope. Connecting a UDP
/// socket is what makes an ICMP port unreachable come back as ECONNREFUSED (Linux udp(7)).
struct ProbeSocket: ~Copyable {
    let descriptor: Int32

    enum Failure: Error {
        case refused
        case timedOut
        case system(String)
    }

    /// A socket of `type` (`SOCK_DGRAM`, `SOCK_STREAM`) connected to `destination`. For a stream,
    /// waits until `deadline` for the handshake.
    init(connectingTo destination: Endpoint, stream: Bool, deadline: ContinuousClock.Instant) throws(Failure) {
        let family = destination.address.isIPv6 ? AF_INET6 : AF_INET
        #if canImport(Glibc)
        let type = Int32(stream ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
        #else
        let type = stream ? SOCK_STREAM : SOCK_DGRAM
        #endif
        let descriptor = socket(family, type, 0)
        guard descriptor >= 0 else { throw .system(Self.errorText()) }
        let flags = fcntl(descriptor, F_GETFL, 0)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else {
            let text = Self.errorText()
            close(descriptor)
            throw .system(text)
        }
        let status = Self.withSocketAddress(destination) { address, length in
            connect(descriptor, address, length)
        }
        if status != 0 {
            let error = errno
            guard error == EINPROGRESS else {
                close(descriptor)
                throw Self.failure(error)
            }
            // The TCP handshake: writable when done, SO_ERROR says how it ended.
            do throws(Failure) {
                guard try Self.wait(descriptor, events: Int16(POLLOUT), until: deadline) else { throw .timedOut }
                var pending: Int32 = 0
                var size = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &size) == 0 else {
                    throw .system(Self.errorText())
                }
                if pending != 0 { throw Self.failure(pending) }
            } catch {
                close(descriptor)
                throw error
            }
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The local address and port the system chose, for Via and Contact.
    var localEndpoint: Endpoint? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { return nil }
        return Self.endpoint(storage)
    }

    /// Sends all of `bytes` (a datagram, or to the stream), waiting for room until `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.send(descriptor, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #else
                return Darwin.send(descriptor, base + offset, buffer.count - offset, 0)
                #endif
            }
            if sent >= 0 {
                offset += sent
                continue
            }
            let error = errno
            if error == EINTR { continue }
            guard error == EAGAIN || error == EWOULDBLOCK else { throw Self.failure(error) }
            guard try Self.wait(descriptor, events: Int16(POLLOUT), until: deadline) else { throw .timedOut }
        }
    }

    /// Waits until `deadline` for bytes: `nil` when none came in time, empty when the peer closed
    /// the stream.
    func receive(until deadline: ContinuousClock.Instant) throws(Failure) -> [UInt8]? {
        while true {
            guard try Self.wait(descriptor, events: Int16(POLLIN), until: deadline) else { return nil }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return recv(descriptor, base, raw.count, 0)
            }
            if count >= 0 { return Array(buffer[..<count]) }
            let error = errno
            if error == EINTR || error == EAGAIN || error == EWOULDBLOCK { continue }
            throw Self.failure(error)
        }
    }

    // MARK: - Helpers

    /// Whether `events` came before `deadline` (an error or hang-up counts: the next call says
    /// which).
    private static func wait(
        _ descriptor: Int32,
        events: Int16,
        until deadline: ContinuousClock.Instant
    ) throws(Failure) -> Bool {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let status = poll(&request, 1, milliseconds)
            if status > 0 { return true }
            if status == 0 { continue }
            if errno == EINTR { continue }
            throw .system(errorText())
        }
    }

    private static func failure(_ error: Int32) -> Failure {
        if error == ECONNREFUSED { return .refused }
        if error == ETIMEDOUT { return .timedOut }
        return .system(String(cString: strerror(error)))
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    private static func withSocketAddress<Result>(
        _ endpoint: Endpoint,
        _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result {
        let bytes = endpoint.address.bytes
        if endpoint.address.isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = endpoint.port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) { raw in
                for (index, byte) in bytes.prefix(raw.count).enumerated() { raw[index] = byte }
            }
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = endpoint.port.bigEndian
        withUnsafeMutableBytes(of: &address.sin_addr) { raw in
            for (index, byte) in bytes.prefix(raw.count).enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    private static func endpoint(_ storage: sockaddr_storage) -> Endpoint? {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &storage) { raw -> Endpoint? in
                let address = raw.loadUnaligned(as: sockaddr_in.self)
                guard let ip = withUnsafeBytes(of: address.sin_addr, { IPAddress(bytes: $0) }) else { return nil }
                return Endpoint(address: ip, port: UInt16(bigEndian: address.sin_port))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &storage) { raw -> Endpoint? in
                let address = raw.loadUnaligned(as: sockaddr_in6.self)
                guard let ip = withUnsafeBytes(of: address.sin6_addr, { IPAddress(bytes: $0) }) else { return nil }
                return Endpoint(address: ip, port: UInt16(bigEndian: address.sin6_port))
            }
        default:
            return nil
        }
    }
}
