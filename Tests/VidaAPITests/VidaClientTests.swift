import Foundation
import Testing
import VidaAPI
import VidaTestServer

/// ``VidaClient`` over real HTTP against ``VidaTestServer`` on 127.0.0.1: every endpoint, every
/// error kind, the retry rules, and the token kept out of every text.
@Suite struct VidaClientTests {
    /// Characters that must be percent-encoded in a query (`+` would read as a space).
    static let secret = "Tk+9/abc=def&ghi"

    /// A pcap global header (little-endian, linktype 1) and one 8-byte record, written from bytes.
    static let pcapBytes: [UInt8] =
        [0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0]
        + [0x10, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0] + [1, 2, 3, 4, 5, 6, 7, 8]
    /// Large enough to arrive in several reads, so that progress is reported more than once.
    static let bigPcap: [UInt8] = Array(pcapBytes.prefix(24)) + (0..<600_000).map { UInt8(truncatingIfNeeded: $0) }
    static let callID = "a+b;c@pbx.example.com"
    static let firstTime: Int64 = 1_727_395_200_000
    static let lastTime: Int64 = 1_727_395_260_000

    // MARK: - Harness

    /// A server with a captures directory, and clients for it; stops the server on deinit.
    final class Harness: @unchecked Sendable {
        let server: VidaTestServer
        let directory: URL
        let progress = ProgressLog()

        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("vida-client-tests-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(VidaClientTests.pcapBytes).write(to: directory.appendingPathComponent("call.pcap"))
            try Data(#"[{"raw":"INVITE sip:a SIP/2.0"}]"#.utf8).write(to: directory.appendingPathComponent("call.json"))
            try Data(VidaClientTests.bigPcap).write(to: directory.appendingPathComponent("big.pcap"))
            let manifest = """
                {"captures":[{"callId":"\(VidaClientTests.callID)","firstTime":\(VidaClientTests.firstTime),\
                "lastTime":\(VidaClientTests.lastTime),"files":{"pcap":"call.pcap","json":"call.json"}},
                {"callId":"big@pbx","files":{"pcap":"big.pcap"}}]}
                """
            try Data(manifest.utf8).write(to: directory.appendingPathComponent("manifest.json"))
            server = try VidaTestServer.start(token: VidaClientTests.secret, capturesDirectory: directory)
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// Tiny delays so that retries cost milliseconds.
        static let fastRetries = RetryPolicy(
            maximumAttempts: 3,
            initialDelay: 0.01,
            maximumDelay: 0.02,
            maximumRetryAfter: 5
        )

        func client(
            token: String = VidaClientTests.secret,
            baseURL: URL? = nil,
            policy: RetryPolicy = Harness.fastRetries,
            timeout: Double = 5
        ) throws(VidaError) -> VidaClient {
            let progress = self.progress
            return try VidaClient(
                baseURL: baseURL ?? server.baseURL,
                token: try VidaToken(token),
                retryPolicy: policy,
                requestTimeout: timeout,
                progress: { progress.append($0) }
            )
        }
    }

    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [VidaProgress] = []
        func append(_ event: VidaProgress) { lock.withLock { events.append(event) } }
        var all: [VidaProgress] { lock.withLock { events } }
        var connectingCount: Int {
            all.filter { if case .connecting = $0 { true } else { false } }.count
        }
        var retryReasons: [String] {
            all.compactMap { if case .waitingToRetry(_, _, let reason) = $0 { reason } else { nil } }
        }
    }

    /// The error `body` throws (recording an issue when it succeeds), checked free of the token.
    static func failure<T>(
        _ body: () async throws(VidaError) -> T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> VidaError? {
        do {
            let value = try await body()
            Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
            return nil
        } catch {
            expectNoToken(error, sourceLocation: sourceLocation)
            return error
        }
    }

    static func expectNoToken(_ error: VidaError, sourceLocation: SourceLocation = #_sourceLocation) {
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
        let texts = [error.message, error.description, error.redactedURL ?? "", "\(error)", String(reflecting: error)]
        for text in texts {
            #expect(!text.contains(secret), "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains(encoded), "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains("Tk+9"), "\(text)", sourceLocation: sourceLocation)
        }
        if let url = error.redactedURL { #expect(url.contains("token=***"), sourceLocation: sourceLocation) }
        // Every message ends with the request it was about, whole.
        #expect(error.message.hasSuffix("token=***)"), "\(error.message)", sourceLocation: sourceLocation)
    }

    // MARK: - Captures

    @Test func captureReturnsTheExactBytesWithProgress() async throws {
        let harness = try Harness()
        let client = try harness.client()
        let window = CaptureWindow(fromMilliseconds: Self.firstTime - 1000, toMilliseconds: Self.lastTime + 1000)
        let download = try await client.capture(callID: Self.callID, window: window, format: .pcap)
        #expect(download.bytes == Self.pcapBytes)
        #expect(download.contentType == "application/vnd.tcpdump.pcap")
        #expect(download.format == .pcap)
        #expect(download.attempts == 1)
        #expect(download.redactedURL.hasSuffix("&format=pcap&token=***"))
        #expect(!download.redactedURL.contains("Tk"))

        let request = try #require(harness.server.requests.first)
        #expect(harness.server.requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/api/v2/sip/captures")
        #expect(request.query("sipCallId") == Self.callID)
        #expect(request.query("from") == String(Self.firstTime - 1000))
        #expect(request.query("to") == String(Self.lastTime + 1000))
        #expect(request.query("format") == "pcap")
        #expect(request.query("token") == Self.secret)
        #expect(request.header("authorization") == nil)

        let events = harness.progress.all
        guard case .connecting(attempt: 1) = events.first else {
            Issue.record("first progress event: \(String(describing: events.first))")
            return
        }
        let count = Int64(Self.pcapBytes.count)
        #expect(events.contains { if case .receiving(count, count) = $0 { true } else { false } })
    }

    @Test func largeCaptureReportsProgressAsItArrives() async throws {
        let harness = try Harness()
        let download = try await harness.client().capture(callID: "big@pbx", window: nil, format: .pcap)
        #expect(download.bytes == Self.bigPcap)
        let received = harness.progress.all.compactMap { event -> (Int64, Int64?)? in
            if case .receiving(let bytes, let expected) = event { (bytes, expected) } else { nil }
        }
        let total = Int64(Self.bigPcap.count)
        #expect(received.count >= 2)
        #expect(received.allSatisfy { $0.1 == total })
        #expect(zip(received, received.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(received.last?.0 == total)
    }

    @Test func captureWithoutWindowSendsNoFromOrTo() async throws {
        let harness = try Harness()
        let download = try await harness.client().capture(callID: Self.callID, window: nil, format: .json)
        #expect(String(decoding: download.bytes, as: UTF8.self) == #"[{"raw":"INVITE sip:a SIP/2.0"}]"#)
        #expect(download.contentType?.hasPrefix("application/json") == true)
        let request = try #require(harness.server.requests.first)
        #expect(request.query("from") == nil)
        #expect(request.query("to") == nil)
        #expect(request.query("format") == "json")
    }

    @Test func captureOutsideTheWindowIsNotFoundNamingTheWindow() async throws {
        let harness = try Harness()
        let window = CaptureWindow(fromMilliseconds: 1_700_000_000_000, toMilliseconds: 1_700_003_600_000)
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: Self.callID, window: window, format: .pcap)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.statusCode == 404)
        #expect(
            error?.message.hasPrefix(
                "No capture for Call-ID \(Self.callID) between 2023-11-14T22:13:20Z and 2023-11-14T23:13:20Z: widen --from/--to"
            ) == true
        )
        // A 404 is an answer, not a failure to retry.
        #expect(harness.server.requests.count == 1)
    }

    @Test func captureOfAnUnknownCallWithoutWindowSaysNoWindowWasSent() async throws {
        let harness = try Harness()
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: "nobody@x", window: nil, format: .pcap)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("no search window was sent") == true)
    }

    @Test func captureWithAnEmptyCallIDIsABadRequestWithTheServersMessage() async throws {
        let harness = try Harness()
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: "", window: nil, format: .pcap)
        }
        #expect(error?.kind == .badRequest)
        #expect(error?.statusCode == 400)
        #expect(error?.message.contains("sipCallId is required") == true)
    }

    // MARK: - Whitelist

    @Test func whitelistListAddRemove() async throws {
        let harness = try Harness()
        harness.server.seedWhitelist(ip: "192.168.1.1", label: "Office IP", timestamp: 1_678_829_072)
        let client = try harness.client()
        let entries = try await client.whitelist()
        #expect(entries.map(\.ip) == ["192.168.1.1"])
        #expect(entries.first?.label == "Office IP")
        #expect(entries.first?.timestamp == 1_678_829_072)

        let added = try await client.addToWhitelist(ip: "203.0.113.5", label: "Lab")
        #expect(added.statusCode == 201)
        #expect(added.created)
        #expect(added.message == "IP entry created successfully")
        #expect(added.whitelist?.map(\.ip) == ["192.168.1.1", "203.0.113.5"])
        #expect(harness.server.whitelistIPs == ["192.168.1.1", "203.0.113.5"])

        let removed = try await client.removeFromWhitelist(ip: "192.168.1.1")
        #expect(removed.statusCode == 200)
        #expect(removed.message == "IP entry deleted successfully")
        #expect(harness.server.whitelistIPs == ["203.0.113.5"])

        let requests = harness.server.requests
        #expect(requests.map(\.method) == ["GET", "POST", "DELETE"])
        #expect(requests.allSatisfy { $0.query("token") == Self.secret })
        #expect(JSONBody(requests[1].body) == JSONBody(#"{"ip":"203.0.113.5","label":"Lab"}"#))
        #expect(JSONBody(requests[2].body) == JSONBody(#"{"ip":"192.168.1.1"}"#))
        #expect(requests[1].header("content-type") == "application/json")
    }

    @Test func whitelistAddOfAnInvalidIPIsABadRequest() async throws {
        let harness = try Harness()
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().addToWhitelist(ip: "not-an-ip", label: "x")
        }
        #expect(error?.kind == .badRequest)
        #expect(error?.message.contains("The Vida API refused the request as invalid (HTTP 400 Bad Request)") == true)
    }

    // MARK: - Outbound routes

    @Test func routesListAddRemove() async throws {
        let harness = try Harness()
        harness.server.seedRoute("1.1.1.1:5060;transport=udp")
        let client = try harness.client()
        #expect(try await client.outboundRoutes() == ["1.1.1.1:5060;transport=udp"])
        let added = try await client.addOutboundRoute("sip.example.com:5061;transport=tls")
        #expect(added.created)
        #expect(added.routes == ["1.1.1.1:5060;transport=udp", "sip.example.com:5061;transport=tls"])
        let removed = try await client.removeOutboundRoute("1.1.1.1:5060;transport=udp")
        #expect(removed.message == "Route removed successfully")
        #expect(harness.server.routes == ["sip.example.com:5061;transport=tls"])
        let requests = harness.server.requests
        #expect(JSONBody(requests[1].body) == JSONBody(#"{"route":"sip.example.com:5061;transport=tls"}"#))
        #expect(JSONBody(requests[2].body) == JSONBody(#"{"route":"1.1.1.1:5060;transport=udp"}"#))
    }

    // MARK: - Registration

    @Test func registrationLifecycle() async throws {
        let harness = try Harness()
        let client = try harness.client()
        #expect(try await client.registration() == nil)

        let request = RegistrationRequest(
            aor: "1001@sip.example.com",
            username: "1001",
            password: "pw-secret",
            proxy: "sip.example.com:5061",
            port: 5061,
            transport: "TLS",
            subscribe: false
        )
        let created = try await client.setRegistration(request)
        #expect(created.statusCode == 201)
        #expect(created.message == "Registration created successfully")
        #expect(harness.server.registrationAOR == "1001@sip.example.com")
        #expect(harness.server.registrationPassword == "pw-secret")

        let registration = try #require(try await client.registration())
        #expect(registration.aor == "1001@sip.example.com")
        #expect(registration.username == "1001")
        #expect(registration.port == 5061)
        #expect(registration.transport == "TLS")

        let updated = try await client.setRegistration(request)
        #expect(updated.statusCode == 200)
        #expect(!updated.created)

        let deleted = try await client.deleteRegistration()
        #expect(deleted.message == "Registration deleted successfully")
        #expect(harness.server.registrationAOR == nil)

        let error = await Self.failure { () async throws(VidaError) in try await client.deleteRegistration() }
        #expect(error?.kind == .notFound)
        #expect(error?.message.hasPrefix("There is no SIP registration to delete.") == true)

        let requests = harness.server.requests
        #expect(requests.allSatisfy { $0.header("authorization") == Self.secret && $0.query("token") == Self.secret })
        let body = try #require(requests.first { $0.method == "POST" })
        #expect(
            JSONBody(body.body)
                == JSONBody(
                    #"{"aor":"1001@sip.example.com","username":"1001","password":"pw-secret","#
                        + #""proxy":"sip.example.com:5061","port":5061,"transport":"TLS","subscribe":false}"#
                )
        )
    }

    @Test func duplicateAORIsAConflict() async throws {
        let harness = try Harness()
        harness.server.reserveAOR("1001@sip.example.com")
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().setRegistration(
                RegistrationRequest(aor: "1001@sip.example.com", username: "1001", password: "p")
            )
        }
        #expect(error?.kind == .conflict)
        #expect(error?.statusCode == 409)
        #expect(error?.message.contains("\"Duplicate AOR\"") == true)
    }

    // MARK: - Token

    @Test func wrongTokenIsUnauthorizedAndSaysHowToSetIt() async throws {
        let harness = try Harness()
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client(token: "Tk+9-wrong").whitelist()
        }
        #expect(error?.kind == .unauthorized)
        #expect(error?.statusCode == 401)
        for needle in ["--token-file PATH", "VIDA_API_TOKEN", "~/.config/sipdiag/config.json"] {
            #expect(error?.message.contains(needle) == true)
        }
        #expect(error?.message.contains("Tk+9-wrong") == false)
        #expect(harness.server.requests.count == 1)
    }

    @Test func forbiddenIsUnauthorized() async throws {
        let harness = try Harness()
        harness.server.inject(
            .status(
                403,
                body: #"{"success":false,"message":"Forbidden"}"#,
                contentType: "application/json",
                headers: [:]
            ),
            path: "/api/v2/sip/outboundRoutes"
        )
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().outboundRoutes() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.statusCode == 403)
        #expect(error?.message.contains("--token-file PATH") == true)
    }

    // MARK: - Retries

    @Test func rateLimitedGetIsRetriedHonouringRetryAfter() async throws {
        let harness = try Harness()
        harness.server.inject(.rateLimited(retryAfter: 0), path: "/api/v2/sip/ipWhitelist", count: 2)
        #expect(try await harness.client().whitelist() == [])
        #expect(harness.server.requests.count == 3)
        let waits = harness.progress.all.compactMap { event -> Double? in
            if case .waitingToRetry(let seconds, _, _) = event { seconds } else { nil }
        }
        #expect(waits == [0, 0])
        #expect(harness.progress.retryReasons.allSatisfy { $0.contains("HTTP 429") && !$0.contains("Tk+9") })
    }

    @Test func retryAfterLongerThanTheMaximumFailsAtOnce() async throws {
        let harness = try Harness()
        harness.server.inject(.rateLimited(retryAfter: 120), path: "/api/v2/sip/ipWhitelist", count: 3)
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().whitelist() }
        #expect(error?.kind == .rateLimited)
        #expect(error?.statusCode == 429)
        #expect(error?.message.contains("The API asks to wait 120 s (until ") == true)
        #expect(harness.server.requests.count == 1)
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let harness = try Harness()
        harness.server.inject(.serverError(503), path: "/api/v2/sip/outboundRoutes", count: 5)
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().outboundRoutes() }
        #expect(error?.kind == .serverError)
        #expect(error?.statusCode == 503)
        #expect(error?.message.contains("HTTP 503 Service Unavailable") == true)
        #expect(error?.message.contains("Gave up after 3 attempts.") == true)
        #expect(harness.server.requests.count == 3)
    }

    @Test func serverErrorThenSuccess() async throws {
        let harness = try Harness()
        harness.server.inject(.serverError(500), path: "/api/v2/sip/captures")
        let download = try await harness.client().capture(callID: Self.callID, window: nil, format: .pcap)
        #expect(download.bytes == Self.pcapBytes)
        #expect(download.attempts == 2)
        #expect(harness.server.requests.count == 2)
    }

    @Test func writesAreNotRetried() async throws {
        let harness = try Harness()
        let client = try harness.client()
        harness.server.inject(.serverError(500), path: "/api/v2/sip/ipWhitelist", method: "POST", count: 3)
        let post = await Self.failure { () async throws(VidaError) in
            try await client.addToWhitelist(ip: "203.0.113.9", label: "x")
        }
        #expect(post?.kind == .serverError)
        #expect(post?.message.contains("not retried automatically") == true)
        harness.server.inject(
            .rateLimited(retryAfter: 0),
            path: "/api/v2/sip/outboundRoutes",
            method: "DELETE",
            count: 3
        )
        let delete = await Self.failure { () async throws(VidaError) in
            try await client.removeOutboundRoute("a.example")
        }
        #expect(delete?.kind == .rateLimited)
        harness.server.inject(.closeMidBody, path: "/api/v2/sip/registration", method: "POST", count: 3)
        let closed = await Self.failure { () async throws(VidaError) in
            try await client.setRegistration(RegistrationRequest(aor: "1@x", username: "1", password: "p"))
        }
        #expect(closed?.kind == .connection)
        #expect(harness.server.requests.map(\.method) == ["POST", "DELETE", "POST"])
        #expect(harness.progress.retryReasons.isEmpty)
    }

    @Test func timeoutPerAttemptIsRetriedThenReported() async throws {
        let harness = try Harness()
        harness.server.inject(.delay(seconds: 1), path: "/api/v2/sip/ipWhitelist", count: 2)
        let client = try harness.client(
            policy: RetryPolicy(maximumAttempts: 2, initialDelay: 0.01, maximumDelay: 0.01),
            timeout: 0.25
        )
        let error = await Self.failure { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .timeout)
        #expect(error?.statusCode == nil)
        #expect(error?.message.contains("within 0.25 s") == true)
        #expect(error?.message.contains("Gave up after 2 attempts.") == true)
        #expect(harness.progress.connectingCount == 2)
    }

    @Test func timeoutThenSuccess() async throws {
        let harness = try Harness()
        harness.server.inject(.delay(seconds: 1), path: "/api/v2/sip/ipWhitelist")
        let client = try harness.client(timeout: 0.25)
        #expect(try await client.whitelist() == [])
        #expect(harness.progress.connectingCount == 2, "\(harness.progress.all) \(harness.server.requests.map(\.path))")
    }

    @Test func connectionClosedMidBodyIsRetried() async throws {
        let harness = try Harness()
        harness.server.inject(.closeMidBody, path: "/api/v2/sip/captures")
        let download = try await harness.client().capture(callID: Self.callID, window: nil, format: .pcap)
        #expect(download.bytes == Self.pcapBytes)
        #expect(download.attempts == 2)
    }

    @Test func connectionClosedMidBodyEveryTimeIsAConnectionError() async throws {
        let harness = try Harness()
        harness.server.inject(.closeMidBody, path: "/api/v2/sip/captures", count: 3)
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: Self.callID, window: nil, format: .pcap)
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("closed before the whole response arrived") == true)
        #expect(harness.server.requests.count == 3)
    }

    @Test func droppedConnectionOnAGetIsRetried() async throws {
        let harness = try Harness()
        harness.server.inject(.dropConnection, path: "/api/v2/sip/outboundRoutes")
        #expect(try await harness.client().outboundRoutes() == [])
        #expect(harness.progress.connectingCount == 2)
    }

    @Test func connectionRefusedIsNotRetried() async throws {
        let harness = try Harness()
        // A port that was just free: nothing listens there.
        let closed = try VidaTestServer.start(token: Self.secret, capturesDirectory: nil)
        let url = closed.baseURL
        closed.stop()
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client(baseURL: url).whitelist()
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("Cannot connect to 127.0.0.1:\(url.port ?? 0)") == true)
        #expect(harness.progress.connectingCount == 1)
    }

    // MARK: - Bodies that are not what was promised

    @Test func htmlInsteadOfJSONIsUndecodable() async throws {
        let harness = try Harness()
        harness.server.inject(.htmlBody, path: "/api/v2/sip/ipWhitelist")
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().whitelist() }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.message.contains("an HTML page instead of JSON") == true)
        #expect(error?.message.contains("<html><body>Bad gateway") == true)
        #expect(harness.server.requests.count == 1)
    }

    @Test func htmlInsteadOfACaptureIsUndecodable() async throws {
        let harness = try Harness()
        harness.server.inject(.htmlBody, path: "/api/v2/sip/captures")
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: Self.callID, window: nil, format: .pcap)
        }
        #expect(error?.kind == .undecodableResponse)
    }

    @Test func successFalseIsABadRequest() async throws {
        let harness = try Harness()
        harness.server.inject(
            .status(
                200,
                body: #"{"success":false,"message":"Route rejected"}"#,
                contentType: "application/json",
                headers: [:]
            ),
            path: "/api/v2/sip/outboundRoutes",
            method: "POST"
        )
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().addOutboundRoute("x.example")
        }
        #expect(error?.kind == .badRequest)
        #expect(error?.message.contains("\"Route rejected\"") == true)
    }

    @Test func redirectIsNotFollowed() async throws {
        let harness = try Harness()
        let location = "http://127.0.0.1:9/elsewhere?token=\(Self.secret)"
        harness.server.inject(
            .status(302, body: "", contentType: "text/plain", headers: ["Location": location]),
            path: "/api/v2/sip/ipWhitelist"
        )
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().whitelist() }
        #expect(error?.kind == .unexpectedStatus)
        #expect(error?.statusCode == 302)
        #expect(error?.message.contains("a redirect to http://127.0.0.1:9/elsewhere?token=***") == true)
        #expect(harness.server.requests.count == 1)
    }

    @Test func unexpectedStatus() async throws {
        let harness = try Harness()
        harness.server.inject(
            .status(418, body: #"{"message":"teapot"}"#, contentType: "application/json", headers: [:]),
            path: "/api/v2/sip/ipWhitelist"
        )
        let error = await Self.failure { () async throws(VidaError) in try await harness.client().whitelist() }
        #expect(error?.kind == .unexpectedStatus)
        #expect(error?.statusCode == 418)
        #expect(error?.message.contains("\"teapot\"") == true)
    }

    @Test func echoedTokenInAnErrorBodyIsRedacted() async throws {
        let harness = try Harness()
        harness.server.inject(
            .status(
                400,
                body: #"{"data":{},"message":"bad token \#(Self.secret) in /x?token=\#(Self.secret)"}"#,
                contentType: "application/json",
                headers: [:]
            ),
            path: "/api/v2/sip/captures"
        )
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client().capture(callID: Self.callID, window: nil, format: .text)
        }
        #expect(error?.kind == .badRequest)
        #expect(error?.message.contains("bad token ***") == true)
    }

    // MARK: - Network errors

    @Test func tlsToAPlainHTTPServerIsATLSError() async throws {
        let harness = try Harness()
        // VidaTestServer waits for the end of a header that a TLS ClientHello never has, so a
        // responder that answers plain HTTP at once stands in for a server without TLS.
        let responder = try RawResponder(reply: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        defer { responder.stop() }
        let url = try #require(URL(string: "https://\(responder.baseURL)"))
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client(baseURL: url, timeout: 3).whitelist()
        }
        #expect(error?.kind == .tls, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("The TLS connection to \(responder.baseURL) failed") == true)
        #expect(harness.progress.connectingCount == 1)
    }

    @Test func gzipBodyLargerThanItsContentIsNotMistakenForAShortOne() async throws {
        let harness = try Harness()
        // gzip of {"routes":["a.example"]} (24 bytes) is 44 bytes: libcurl inflates it, so fewer
        // bytes arrive than Content-Length says, and that is not a connection cut short.
        let gzip: [UInt8] = [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xAB, 0x56, 0x2A, 0xCA, 0x2F, 0x2D, 0x49, 0x2D,
            0x56, 0xB2, 0x8A, 0x56, 0x4A, 0xD4, 0x4B, 0xAD, 0x48, 0xCC, 0x2D, 0xC8, 0x49, 0x55, 0x8A, 0xAD, 0x05, 0x00,
            0xB6, 0x32, 0xA5, 0xE6, 0x18, 0x00, 0x00, 0x00,
        ]
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            + "Content-Length: \(gzip.count)\r\nConnection: close\r\n\r\n"
        let responder = try RawResponder(reply: Array(head.utf8) + gzip)
        defer { responder.stop() }
        let url = try #require(URL(string: "http://\(responder.baseURL)"))
        #expect(try await harness.client(baseURL: url, policy: .none).outboundRoutes() == ["a.example"])
    }

    @Test func unknownHostIsHostNotFound() async throws {
        let harness = try Harness()
        let url = try #require(URL(string: "https://no-such-host.invalid"))
        let error = await Self.failure { () async throws(VidaError) in
            try await harness.client(baseURL: url, timeout: 3).whitelist()
        }
        #expect(error?.kind == .hostNotFound)
        #expect(error?.message.contains("no-such-host.invalid") == true)
        #expect(harness.progress.connectingCount == 1)
    }
}

/// A JSON body compared by value, not by key order.
struct JSONBody: Equatable {
    let object: NSObject?

    init(_ bytes: [UInt8]) { object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? NSObject }
    init(_ text: String) { self.init(Array(text.utf8)) }

    static func == (lhs: JSONBody, rhs: JSONBody) -> Bool {
        guard let left = lhs.object, let right = rhs.object else { return false }
        return left.isEqual(right)
    }
}
