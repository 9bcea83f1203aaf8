import Foundation
import Glibc

extension VidaTestServer {
    /// What to do with one request once routing and faults have had their say.
    enum Reply: Sendable {
        case respond(HTTPResponse)
        case closeMidBody(HTTPResponse)
        case drop
    }

    /// Serves one connection until the peer closes, asks to close, sends garbage, stays idle too
    /// long, or the server stops. Runs on the connection's own thread.
    func serve(connection fd: Int32) {
        Socket.configureConnection(fd, idleSeconds: Self.idleTimeoutSeconds)
        var parser = HTTPRequestParser()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        reading: while !isStopped {
            do throws(HTTPParseError) {
                while let event = try parser.next() {
                    switch event {
                    case .continueExpected:
                        Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    case .request(let head, let body):
                        guard handle(head: head, body: body, on: fd), head.keepAlive else { break reading }
                    }
                }
            } catch {
                let response = HTTPResponse.failure(error.status, error.reason)
                Socket.sendAll(fd, response.serialized(keepAlive: false))
                log("\(error.status) for a malformed request: \(error.reason)")
                break reading
            }
            // A body still arriving is capped by the parser; this caps anything else a client
            // could make us buffer (a chunk terminator that never comes, for example).
            if parser.bufferedByteCount > HTTPRequestParser.maxHeadBytes + 2 * HTTPRequestParser.maxBodyBytes {
                let response = HTTPResponse.failure(413, "Request too large")
                Socket.sendAll(fd, response.serialized(keepAlive: false))
                break reading
            }
            let count = Socket.receive(fd, into: &chunk)
            if count <= 0 { break reading }
            parser.append(chunk[0..<count])
        }
        // Removed before closing, under the lock, so stop() never shuts down a reused descriptor.
        state.withLock { _ = $0.connections.remove(fd) }
        // Faults close gracefully too: the client should see the end of the stream, not a reset.
        Socket.closeGracefully(fd)
    }

    /// Answers one request; `false` when the connection must be closed at once (faults).
    private func handle(head: HTTPRequestHead, body: [UInt8], on fd: Int32) -> Bool {
        let request = RecordedRequest(method: head.method, target: head.target, headers: head.headers, body: body)
        let fault = state.withLock { state -> Fault? in
            state.requests.append(request)
            return state.takeFault(path: request.path, method: request.method)
        }
        let line = "\(request.method) \(redact(head.target))"

        switch reply(to: request, fault: fault) {
        case .drop:
            log("\(line) -> connection dropped (fault)")
            return false
        case .closeMidBody(let response):
            let half = response.body.count / 2
            let declared = response.body.count >= 2 ? response.body.count : response.body.count + 64
            let sent = response.body.count >= 2 ? Array(response.body[0..<half]) : response.body
            var truncated = response
            truncated.body = sent
            Socket.sendAll(fd, truncated.serialized(keepAlive: true, declaredLength: declared))
            log("\(line) -> \(response.status), closed after \(sent.count) of \(declared) bytes (fault)")
            return false
        case .respond(let response):
            let sent = Socket.sendAll(fd, response.serialized(keepAlive: head.keepAlive))
            log("\(line) -> \(response.status), \(response.body.count) bytes")
            return sent
        }
    }

    private func reply(to request: RecordedRequest, fault: Fault?) -> Reply {
        switch fault {
        case .none:
            return .respond(route(request))
        case .unauthorized:
            return .respond(Self.unauthorized)
        case .notFound:
            return .respond(.failure(404, "Not found"))
        case .rateLimited(let retryAfter):
            let headers = retryAfter.map { [(name: "Retry-After", value: String($0))] } ?? []
            return .respond(.failure(429, "Too many requests", headers: headers))
        case .serverError(let status):
            return .respond(.failure(Self.validStatus(status), "Server error"))
        case .status(let status, let body, let contentType, let headers):
            let extra = headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
            return .respond(
                HTTPResponse(
                    status: Self.validStatus(status),
                    headers: [(name: "Content-Type", value: contentType)] + extra,
                    body: Array(body.utf8)
                )
            )
        case .delay(let seconds):
            sleepUnlessStopped(seconds)
            return .respond(route(request))
        case .closeMidBody:
            return .closeMidBody(route(request))
        case .htmlBody:
            return .respond(
                HTTPResponse(
                    status: 200,
                    headers: [(name: "Content-Type", value: "text/html")],
                    body: Array("<html><body>Bad gateway</body></html>".utf8)
                )
            )
        case .dropConnection:
            return .drop
        }
    }

    /// A status line needs three digits; anything else from a test becomes 500.
    private static func validStatus(_ status: Int) -> Int {
        (100...999).contains(status) ? status : 500
    }

    /// Sleeps in short steps so that ``stop()`` is not held up by a long `.delay` fault.
    private func sleepUnlessStopped(_ seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !isStopped {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(left, 0.05))
        }
    }

    /// The request target with the value of every `token` parameter (right or wrong: a wrong
    /// one is often a mistyped real one), and any other value equal to the token, replaced by
    /// `***`. Whole values are replaced, never substrings, so a short token cannot mangle the
    /// rest of the line.
    func redact(_ target: String) -> String {
        guard let questionMark = target.firstIndex(of: "?") else { return target }
        let query = target[target.index(after: questionMark)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[pair.startIndex..<equals]
            let value = pair[pair.index(after: equals)...]
            let decodedValue = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            if name == "token" || (!token.isEmpty && decodedValue == token) {
                return "\(name)=***"
            }
            return String(pair)
        }
        return String(target[...questionMark]) + pairs.joined(separator: "&")
    }

    private func log(_ line: String) {
        requestLog?(line)
    }
}
