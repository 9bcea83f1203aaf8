import Foundation
import SIPCapture
import SIPDiagnosis
import SIPProbe
import XCTest

/// The prober against SIPp (Debian's `sip-tester`) answering OPTIONS with
/// `scripts/sipp/options-uas.xml`, on loopback addresses only (127.0.0.51-59). Without sipp the
/// tests are skipped, unless SIPDIAG_REQUIRE_SIPP=1 (as in CI), which makes them fail.
final class SIPpProbeTests: XCTestCase {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/sipp/options-uas.xml").path

    func testUDPRouteAnsweredBySIPp() throws {
        try probe(address: "127.0.0.52", transport: "udp", sippTransport: "u1")
    }

    func testTCPRouteAnsweredBySIPp() throws {
        try probe(address: "127.0.0.53", transport: "tcp", sippTransport: "t1")
    }

    private func probe(address: String, transport: String, sippTransport: String) throws {
        let sipp = try Self.sippPath()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sipp)
        process.arguments = [
            "-sf", Self.scenario, "-i", address, "-p", "5060", "-t", sippTransport, "-m", "1", "-nostdin",
            "-timeout", "30s",
        ]
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let route = RouteTarget("\(address):5060;transport=\(transport)")
        let resolver = FixedHostResolver()
        // Until SIPp listens a TCP connection is refused: try again for a while (UDP covers the
        // start with its retransmissions).
        var result = OptionsProbe.probe(route, resolver: resolver, timeout: 8)
        var attempts = 1
        while result.outcome == .refused, attempts < 100, process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            result = OptionsProbe.probe(route, resolver: resolver, timeout: 8)
            attempts += 1
        }
        guard case .answered(let answer) = result.outcome else {
            XCTFail("expected SIPp's answer, got \(result.outcome)")
            return
        }
        XCTAssertEqual(answer.statusCode, 200)
        XCTAssertEqual(answer.reasonPhrase, "OK")
        XCTAssertEqual(answer.server, "Server: SIPp OPTIONS responder")
        XCTAssertGreaterThanOrEqual(answer.roundTripMilliseconds, 0)
        XCTAssertEqual(result.transport.rawValue, transport)
        XCTAssertEqual(result.finding?.code, "probe.answered")
    }

    /// sipp's path, or a skip (a failure when SIPDIAG_REQUIRE_SIPP=1).
    static func sippPath() throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let found = (directories + ["/usr/bin", "/usr/local/bin"]).map { $0 + "/sipp" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if let found { return found }
        if ProcessInfo.processInfo.environment["SIPDIAG_REQUIRE_SIPP"] == "1" {
            throw SIPpMissing()
        }
        throw XCTSkip("sipp is not installed (apt-get install sip-tester); SIPDIAG_REQUIRE_SIPP=1 makes this fail")
    }
}

struct SIPpMissing: Error, CustomStringConvertible {
    var description: String { "SIPDIAG_REQUIRE_SIPP=1 but sipp is not installed (apt-get install sip-tester)" }
}
