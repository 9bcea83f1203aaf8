import Foundation
import SIPDiagnostics
import Testing
import VidaTestServer

/// The README's Vida API example, run as written against the test server and the API samples.
@Suite struct LibraryAPIExampleTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/api")

    @Test func readmeExample() async throws {
        let server = try VidaTestServer.start(token: "example-token", capturesDirectory: Self.samples)
        defer { server.stop() }
        // The README reads ProcessInfo.processInfo.environment; the test gives the same variables.
        let environment = ["VIDA_API_URL": server.baseURL.absoluteString, "VIDA_API_TOKEN": "example-token"]
        let home = NSTemporaryDirectory()

        // --- README API example (keep in step with README.md) ---
        let (token, _) = try VidaCredentials.resolve(tokenFile: nil, environment: environment, homeDirectory: home)
        let baseURL = try VidaCredentials.baseURL(option: nil, environment: environment, homeDirectory: home)
        let client = try VidaClient(baseURL: baseURL, token: token)
        let download = try await client.capture(callID: "udp4-busy-1@sipdiag.test", window: nil, format: .json)
        let analysis = try SIPDiagnostics.analyze(data: Data(download.bytes), keepMessages: true)
        let outcomes = analysis.calls.map { "\($0.callID) \($0.state) \($0.finalStatus ?? 0)" }
        let whitelist = try await client.whitelist().map(\.ip)
        // --- end of example ---

        #expect(outcomes == ["udp4-busy-1@sipdiag.test busy 486"])
        #expect(download.attempts == 1)
        #expect(!download.redactedURL.contains("example-token"))
        #expect(whitelist.isEmpty)
        let request = try #require(server.requests.first)
        #expect(request.query("sipCallId") == "udp4-busy-1@sipdiag.test")
        #expect(request.query("format") == "json")
    }
}
