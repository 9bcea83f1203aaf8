import Foundation
import SIPCapture

#if canImport(Glibc)
import Glibc
#endif

/// A tiny OPTIONS responder on a loopback address, over real sockets: it answers each request
/// with `status` (copying Via, From, To, Call-ID and CSeq as RFC 3261 section 8.2.6.2 asks), or
/// stays silent. Runs on its own thread until `stop()`.
final class TestResponder: @unchecked Sendable {
    let port: UInt16
    private let descriptor: Int32
    private let stream: Bool
    // Written before the thread starts, read-only after.
    private let status: String?
    private let dropFirst: Bool
    private let lock = NSLock()
    private var stopped = false
    private var requestsSeen = 0
    private var serving = false

    /// Binds `host` on an ephemeral port; `status` nil never answers; `listen` false binds a TCP
    /// socket that never listens (so connections are refused).
    init(host: String, stream: Bool, status: String?, dropFirst: Bool = false, listen: Bool = true) throws {
        self.stream = stream
        self.status = status
        self.dropFirst = dropFirst
        let type = Int32(stream ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
        let descriptor = socket(AF_INET, type, 0)
        self.descriptor = descriptor
        guard descriptor >= 0 else { throw TestError("socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw TestError("bad host \(host)") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw TestError("bind \(host): \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        self.port = port
        if stream && listen {
            guard Glibc.listen(descriptor, 8) == 0 else { throw TestError("listen failed") }
        }
        if listen || !stream {
            serving = true
            let thread = Thread { [self] in serve() }
            thread.start()
        }
    }

    var requests: Int { lock.withLock { requestsSeen } }

    /// Stops serving, waits for the thread to be done with the socket, and closes it: closing
    /// first could let the thread read from a socket of another test that got the same number.
    func stop() {
        lock.withLock { stopped = true }
        while lock.withLock({ serving }) { usleep(10_000) }
        close(descriptor)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func serve() {
        defer { lock.withLock { serving = false } }
        while !isStopped {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 100) > 0, !isStopped else { continue }
            if stream {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { continue }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !String(decoding: bytes, as: UTF8.self).contains("\r\n\r\n") {
                    let count = recv(client, &buffer, buffer.count, 0)
                    guard count > 0 else { break }
                    bytes += buffer[..<count]
                }
                count(bytes)
                if let reply = reply(to: bytes) { _ = send(client, reply, reply.count, Int32(MSG_NOSIGNAL)) }
                // Let the prober read before the connection goes.
                var drain = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                _ = poll(&drain, 1, 2000)
                close(client)
            } else {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                var peer = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(descriptor, &buffer, buffer.count, 0, $0, &length)
                    }
                }
                guard count > 0 else { continue }
                let bytes = Array(buffer[..<count])
                let seen = self.count(bytes)
                if dropFirst && seen == 1 { continue }
                guard let reply = reply(to: bytes) else { continue }
                _ = withUnsafePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(descriptor, reply, reply.count, 0, $0, length)
                    }
                }
            }
        }
    }

    @discardableResult
    private func count(_ bytes: [UInt8]) -> Int {
        lock.withLock {
            requestsSeen += 1
            return requestsSeen
        }
    }

    private func reply(to bytes: [UInt8]) -> [UInt8]? {
        guard let status else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let copied = lines.filter { line in
            ["via:", "from:", "to:", "call-id:", "cseq:"].contains { line.lowercased().hasPrefix($0) }
        }
        let text =
            (["SIP/2.0 \(status)"] + copied + ["Server: test-responder/1.0", "Content-Length: 0", "", ""])
            .joined(separator: "\r\n")
        return Array(text.utf8)
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
