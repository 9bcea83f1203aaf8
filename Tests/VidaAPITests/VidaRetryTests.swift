import Foundation
import Testing

@testable import VidaAPI

/// The retry rules, with a scripted network and recorded (not real) waits.
@Suite struct VidaRetryTests {
    private let ok = Fixtures.response(200, #"{"routes":[]}"#)

    @Test func getIsRetriedOn5xxThenSucceeds() async throws {
        let performer = ScriptedPerformer([Fixtures.response(503, ""), Fixtures.response(500, ""), ok])
        let recorder = Recorder()
        let client = try Fixtures.client(performer, recorder: recorder)
        #expect(try await client.outboundRoutes() == [])
        #expect(performer.requests.count == 3)
        // random() is 1, so the delay is the whole doubling backoff: 1 s, then 2 s.
        #expect(recorder.sleeps == [1, 2])
        let waits = recorder.progress.compactMap { event -> (Double, Int, String)? in
            if case .waitingToRetry(let seconds, let attempt, let reason) = event {
                (seconds, attempt, reason)
            } else {
                nil
            }
        }
        #expect(waits.map(\.0) == [1, 2])
        #expect(waits.map(\.1) == [2, 3])
        #expect(waits.allSatisfy { $0.2.contains("HTTP 5") && !$0.2.contains(Fixtures.encodedSecret) })
    }

    @Test func getGivesUpAfterMaximumAttempts() async throws {
        let performer = ScriptedPerformer(Array(repeating: Fixtures.response(502, ""), count: 5))
        let client = try Fixtures.client(performer)
        let error = await Fixtures.error { () async throws(VidaError) in try await client.outboundRoutes() }
        #expect(error?.kind == .serverError)
        #expect(error?.message.contains("Gave up after 3 attempts.") == true)
        #expect(performer.requests.count == 3)
    }

    @Test(arguments: [VidaTransportFailure.Reason.timeout, .closed])
    func transientTransportFailuresAreRetried(_ reason: VidaTransportFailure.Reason) async throws {
        let performer = ScriptedPerformer([Fixtures.failure(reason), ok])
        let client = try Fixtures.client(performer)
        #expect(try await client.outboundRoutes() == [])
        #expect(performer.requests.count == 2)
    }

    @Test(arguments: [VidaTransportFailure.Reason.refused, .hostNotFound, .tls])
    func permanentTransportFailuresAreNotRetried(_ reason: VidaTransportFailure.Reason) async throws {
        let performer = ScriptedPerformer([Fixtures.failure(reason), ok])
        let client = try Fixtures.client(performer)
        let error = await Fixtures.error { () async throws(VidaError) in try await client.outboundRoutes() }
        #expect(error != nil)
        #expect(performer.requests.count == 1)
    }

    @Test func retryAfterSecondsReplacesTheBackoff() async throws {
        let performer = ScriptedPerformer([Fixtures.response(429, "", headers: ["Retry-After": "7"]), ok])
        let recorder = Recorder()
        let client = try Fixtures.client(performer, recorder: recorder)
        _ = try await client.outboundRoutes()
        #expect(recorder.sleeps == [7])
    }

    @Test func retryAfterDateReplacesTheBackoff() async throws {
        let now = Date(timeIntervalSince1970: 784_111_777 - 12)
        let performer = ScriptedPerformer([
            Fixtures.response(503, "", headers: ["Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"]), ok,
        ])
        let recorder = Recorder()
        let client = try Fixtures.client(performer, recorder: recorder, now: now)
        _ = try await client.outboundRoutes()
        #expect(recorder.sleeps == [12])
    }

    @Test func tooLongRetryAfterFailsAtOnceSayingWhen() async throws {
        let performer = ScriptedPerformer([
            Fixtures.response(429, #"{"message":"slow down"}"#, headers: ["Retry-After": "3600"]), ok,
        ])
        let recorder = Recorder()
        let client = try Fixtures.client(performer, recorder: recorder)
        let error = await Fixtures.error { () async throws(VidaError) in try await client.outboundRoutes() }
        #expect(error?.kind == .rateLimited)
        #expect(error?.statusCode == 429)
        #expect(error?.message.contains("3600 s (until 2026-05-28T21:26:40Z)") == true)
        #expect(error?.message.contains("\"slow down\"") == true)
        #expect(performer.requests.count == 1)
        #expect(recorder.sleeps.isEmpty)
    }

    /// Every write endpoint. (An array of typed-throws closures crashes the 6.3 compiler, hence a switch.)
    enum Write: CaseIterable {
        case addIP, removeIP, addRoute, removeRoute, setRegistration, deleteRegistration

        func run(_ client: VidaClient) async throws(VidaError) -> WriteResult {
            switch self {
            case .addIP: try await client.addToWhitelist(ip: "1.2.3.4", label: "x")
            case .removeIP: try await client.removeFromWhitelist(ip: "1.2.3.4")
            case .addRoute: try await client.addOutboundRoute("a.example")
            case .removeRoute: try await client.removeOutboundRoute("a.example")
            case .setRegistration:
                try await client.setRegistration(RegistrationRequest(aor: "1@x", username: "1", password: "p"))
            case .deleteRegistration: try await client.deleteRegistration()
            }
        }
    }

    @Test(arguments: Write.allCases)
    func writesAreNeverRetried(_ write: Write) async throws {
        for failure in [Fixtures.response(503, ""), Fixtures.response(429, ""), Fixtures.failure(.timeout)] {
            let performer = ScriptedPerformer([failure, Fixtures.response(200, "{}")])
            let client = try Fixtures.client(performer)
            let error = await Fixtures.error { () async throws(VidaError) in try await write.run(client) }
            #expect(error?.message.contains("not retried automatically") == true)
            #expect(performer.requests.count == 1)
        }
    }

    @Test func delayDoublesUpToTheMaximumWithJitter() {
        let policy = RetryPolicy(maximumAttempts: 10, initialDelay: 0.5, maximumDelay: 4)
        #expect(policy.delay(afterAttempt: 1, random: 1) == 0.5)
        #expect(policy.delay(afterAttempt: 2, random: 1) == 1)
        #expect(policy.delay(afterAttempt: 4, random: 1) == 4)
        #expect(policy.delay(afterAttempt: 9, random: 1) == 4)
        #expect(policy.delay(afterAttempt: 2, random: 0) == 0.5)
    }
}
