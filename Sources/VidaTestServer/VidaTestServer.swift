import Dispatch
public import Foundation
import Glibc

/// A fake Vida API (the `/api/v2/sip/` paths of vida-openapi.json) on 127.0.0.1, served over
/// real sockets by a small HTTP/1.1 server, for the tests of `VidaClient` and of the CLI, and for
/// demos (`sipdiag-testserver`).
///
/// Every endpoint is stateful the way the real one is (whitelist, outbound routes, registration),
/// captures are served from files, and faults can be injected per path and method
/// (``inject(_:path:method:count:)``). Every request is recorded in ``requests``.
///
/// ## Captures directory
///
/// `GET /api/v2/sip/captures` looks a Call-ID up in two places of the captures directory:
///
/// 1. `manifest.json`, read again on every request (fixtures may be written after `start`):
///    ```json
///    {"captures": [
///      {"callId": "abc123@pbx.example.com",
///       "firstTime": 1727395200000, "lastTime": 1727395260000,
///       "files": {"pcap": "abc.pcap", "json": "abc.json",
///                 "transaction": "abc.transaction.json", "text": "abc.txt"}}
///    ]}
///    ```
///    A bare array of the same entries is accepted too. `firstTime`/`lastTime` are epoch
///    milliseconds and optional: without them the capture matches every `from`/`to` window.
///    Any of the four `files` may be left out (that format is then a 404). File names are
///    relative to the directory and may not leave it. Several entries may share a Call-ID (the
///    same call at different times): the first whose [firstTime, lastTime] meets the window is
///    served. A manifest that cannot be decoded, or a listed file that cannot be read, is a 500
///    whose message says so.
/// 2. Files named after the Call-ID: `<id>.pcap`, `<id>.json`, `<id>.transaction.json`,
///    `<id>.txt`, where `<id>` is the Call-ID with every character other than ASCII letters,
///    digits, `.`, `-`, `_` and `@` replaced by `_` (`a b/c@host` is `a_b_c@host`). These match
///    every window.
///
/// Content types: `application/vnd.tcpdump.pcap` (pcap), `application/json` (json,
/// transaction), `text/plain` (text); `format` defaults to pcap.
///
/// ## Answers
///
/// JSON bodies are written with sorted keys. Errors other than captures' are
/// `{"success":false,"message":...}`; captures' are `{"data":{},"message":...}`.
/// - Any path: 404 "Not found" if unknown, 405 "Method not allowed" (with `Allow`) for another
///   method, then 401 "Unauthorized" without the right `token` query parameter (the registration
///   endpoints also take `authorization: <token>` or `Bearer <token>`). A body that is not a JSON
///   object: 400 "Malformed JSON body" / "JSON body must be an object".
/// - `GET captures`: 200 file; 400 "sipCallId is required", bad `format`, bad `from`/`to`;
///   404 "No results found" (also outside the window, or no file for that format).
/// - `ipWhitelist`: GET 200 `{"success":true,"message":"Success","whitelist":[{ip,label,userId,
///   timestamp}]}`; POST `{"ip","label"}` 201 `{"success":true,"message":"IP entry created
///   successfully","whitelist":[...]}`, 400 when a field is missing, the IP invalid or already
///   listed; DELETE (`ip` in the body or the query) 200 "IP entry deleted successfully", 400
///   "IP not found in whitelist".
/// - `outboundRoutes`: GET 200 `{"success":true,"message":"Success","routes":[...]}`; POST
///   `{"route"}` 201 "Route added successfully" with `routes`, 400 missing or duplicate; DELETE
///   (`route` in the body or the query) 200 "Route removed successfully", 400 "Route not found".
/// - `registration`: GET 200 `{"success":true,"registration":{...}}` (no password), 404 "No
///   registration found"; POST 201 "Registration created successfully" / 200 "Registration
///   updated successfully", 400 "aor, username and password are required" (or a bad `port`,
///   `transport`, `subscribe`), 409 "Duplicate AOR" (``reserveAOR(_:)``); DELETE 200
///   "Registration deleted successfully", 404 "No registration found".
///
/// Query items are decoded as forms are (`+` is a space), as Express-style servers do.
///
/// One thread accepts; each connection gets its own thread and is kept alive between requests
/// (URLSession reuses connections). ``stop()`` closes the listener and every open connection.
public final class VidaTestServer: Sendable {
    /// The port the server listens on (the kernel's choice when started with port 0).
    public let port: UInt16
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL

    let token: String
    let captureStore: CaptureStore
    let state = LockedState()
    let requestLog: (@Sendable (String) -> Void)?
    private let listener: Int32
    private let acceptFinished = DispatchSemaphore(value: 0)

    /// An idle keep-alive connection is closed after this long, so a demo server does not keep a
    /// thread per forgotten connection.
    static let idleTimeoutSeconds = 30

    private init(
        listener: Int32,
        port: UInt16,
        token: String,
        capturesDirectory: URL?,
        requestLog: (@Sendable (String) -> Void)?
    ) {
        self.listener = listener
        self.port = port
        self.token = token
        self.captureStore = CaptureStore(directory: capturesDirectory)
        self.requestLog = requestLog
        self.baseURL = URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Starts a server on 127.0.0.1.
    ///
    /// - Parameters:
    ///   - token: The API token every request must carry (query parameter `token`; the
    ///     registration endpoints also take it in the `authorization` header).
    ///   - capturesDirectory: Where capture files are served from (see "Captures directory"); `nil`
    ///     answers every capture request 404.
    ///   - port: The port, or 0 for a free one chosen by the kernel (what tests should use).
    /// - Throws: ``VidaTestServerError`` when the socket cannot be opened (port in use).
    public static func start(token: String, capturesDirectory: URL?, port: UInt16 = 0) throws -> VidaTestServer {
        try start(token: token, capturesDirectory: capturesDirectory, port: port, requestLog: nil)
    }

    /// Starts a server that also reports each request, as one line with the token replaced by
    /// `***` (`GET /api/v2/sip/captures?sipCallId=x&token=*** -> 200, 1234 bytes`), to
    /// `requestLog`, called on the connection's thread.
    public static func start(
        token: String,
        capturesDirectory: URL?,
        port: UInt16 = 0,
        requestLog: (@Sendable (String) -> Void)?
    ) throws -> VidaTestServer {
        let (listener, actualPort) = try Socket.makeListener(port: port)
        let server = VidaTestServer(
            listener: listener,
            port: actualPort,
            token: token,
            capturesDirectory: capturesDirectory,
            requestLog: requestLog
        )
        let thread = Thread { server.acceptLoop() }
        thread.name = "VidaTestServer accept \(actualPort)"
        thread.start()
        return server
    }

    /// Closes the listener and every open connection, and waits (up to 2 seconds) for the accept
    /// thread to finish. Calling it again does nothing.
    public func stop() {
        let first = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.stopped = true
            // Shut down under the lock: the owning threads close these descriptors only after
            // removing them under the same lock, so none can have been closed and reused yet.
            if state.listenerOpen { _ = shutdown(listener, Int32(SHUT_RDWR)) }
            for connection in state.connections { _ = shutdown(connection, Int32(SHUT_RDWR)) }
            return true
        }
        if first { _ = acceptFinished.wait(timeout: .now() + 2) }
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        defer {
            state.withLock { state in
                state.listenerOpen = false
                close(listener)
            }
            acceptFinished.signal()
        }
        while true {
            guard let connection = Socket.accept(listener) else {
                let code = errno
                if isStopped { return }
                switch code {
                case ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: wait for connections to finish, don't spin.
                    usleep(50_000)
                    continue
                default:
                    return
                }
            }
            let registered = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connections.insert(connection)
                return true
            }
            guard registered else {
                close(connection)
                return
            }
            let thread = Thread { self.serve(connection: connection) }
            thread.name = "VidaTestServer connection \(connection)"
            thread.start()
        }
    }

    // MARK: - Faults

    /// Makes the next `count` requests for `path` (without query, for example
    /// `/api/v2/sip/captures`) and `method` get `fault` instead of (or, for `.delay`, before)
    /// their normal answer. Faults for the same path and method are used in the order injected.
    /// Faults take precedence over routing and authentication.
    public func inject(_ fault: Fault, path: String, method: String = "GET", count: Int = 1) {
        guard count > 0 else { return }
        state.withLock {
            $0.faults.append(InjectedFault(fault: fault, path: path, method: method.uppercased(), remaining: count))
        }
    }

    /// Removes every injected fault not used yet.
    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    // MARK: - Recorded requests

    /// Every well-formed request received, in order (garbage that could not be parsed is not
    /// recorded).
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// Forgets the recorded requests.
    public func resetRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    // MARK: - State

    /// Adds a whitelist entry as if it had been created at `timestamp` (epoch seconds); replaces
    /// an entry with the same IP.
    public func seedWhitelist(ip: String, label: String, timestamp: Int64) {
        state.withLock { state in
            state.whitelist.removeAll { $0.ip == ip }
            state.whitelist.append(WhitelistRecord(ip: ip, label: label, timestamp: timestamp))
        }
    }

    /// Adds an outbound route (no duplicates).
    public func seedRoute(_ route: String) {
        state.withLock { state in
            if !state.routes.contains(route) { state.routes.append(route) }
        }
    }

    /// Makes a later `POST /api/v2/sip/registration` with this `aor` fail with 409
    /// `{"success":false,"message":"Duplicate AOR"}`, as when another account owns it.
    public func reserveAOR(_ aor: String) {
        state.withLock { _ = $0.reservedAORs.insert(aor) }
    }

    /// The whitelisted IPs, in the order added.
    public var whitelistIPs: [String] {
        state.withLock { $0.whitelist.map(\.ip) }
    }

    /// The outbound routes, in the order added.
    public var routes: [String] {
        state.withLock { $0.routes }
    }

    /// The AOR of the current registration, `nil` when there is none.
    public var registrationAOR: String? {
        state.withLock { $0.registration?.aor }
    }

    /// The password of the current registration (which `GET` never returns).
    public var registrationPassword: String? {
        state.withLock { $0.registration?.password }
    }
}
