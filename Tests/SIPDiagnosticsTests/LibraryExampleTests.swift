import Foundation
import SIPDiagnostics
import Testing

/// The README's library example, run as written, and the facade's error behaviour.
@Suite struct LibraryExampleTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/call-udp.pcap").path

    @Test func readmeExample() throws {
        // --- README example (keep in step with README.md) ---
        let analysis = try SIPDiagnostics.analyze(path: Self.sample, keepMessages: true)
        var failed: [String] = []
        for call in analysis.calls where call.state.isFailure {
            failed.append("\(call.callID) \(call.state) \(call.finalStatus ?? 0)")
        }
        let ladder = analysis.calls.first.map { TextLadderRenderer().render(LadderLayout(calls: [$0])) }
        // --- end of example ---
        #expect(failed == ["udp4-busy-1@sipdiag.test busy 486"])
        #expect(ladder?.contains("INVITE (SDP)") == true)
        #expect(ladder?.split(separator: "\n").count == 2 + 2 * 7)
    }

    @Test func diagnosisExample() throws {
        let root = URL(fileURLWithPath: Self.sample).deletingLastPathComponent()
        let accountFile = root.appendingPathComponent("account.json").path
        let capture = root.appendingPathComponent("failures/not-whitelisted.pcap").path
        var printed: [String] = []
        // --- README example (keep in step with README.md) ---
        let account = try AccountConfig.decode(Data(contentsOf: URL(fileURLWithPath: accountFile)))
        let calls = try SIPDiagnostics.analyze(path: capture, keepMessages: true).calls
        for finding in SIPDiagnosis.diagnose(calls, account: account) {
            printed.append("\(finding.severity) \(finding.code) \(finding.summary) \(finding.fix ?? "")")
        }
        let lint = ConfigurationLint.lint(account, resolver: SystemHostResolver())
        // --- end of example ---
        #expect(printed.count == 1)
        #expect(printed.first?.hasPrefix("error whitelist.source-not-listed INVITE from 203.0.113.7") == true)
        #expect(lint.allSatisfy { $0.severity != .error }, "\(lint.map(\.code))")
    }

    @Test func reportExample() throws {
        let root = URL(fileURLWithPath: Self.sample).deletingLastPathComponent()
        let capture = root.appendingPathComponent("secrets/call-with-credentials.pcap").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sipdiag-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: output) }
        var printed: [String] = []
        // --- README example (keep in step with README.md) ---
        let calls = try SIPDiagnostics.analyze(path: capture, keepMessages: true).calls
        let report = TicketReport(
            calls: calls,
            findings: SIPDiagnosis.diagnose(calls),
            source: "call-with-credentials.pcap",
            redactor: ReportRedactor(redactsPersonalData: true),
            version: "1.0",
            generatedAt: CaptureTime(seconds: 1_767_225_600, nanoseconds: 0)
        )
        try Data(report.zip()).write(to: output)
        printed.append(report.redaction.secretsSentence)
        // --- end of example ---
        #expect(printed.first?.hasPrefix("Removed: 2 digest responses (REDACTED-DIGEST-RESPONSE)") == true)
        let zip = try Data(contentsOf: output)
        #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(report.calls.flatMap(\.messages).allSatisfy { $0.source.description.hasPrefix("240.0.0.") })
        #expect(report.markdown().contains("Name 1"))
    }

    @Test func dataAndPathGiveTheSameAnalysis() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let fromData = try SIPDiagnostics.analyze(data: data)
        let fromPath = try SIPDiagnostics.analyze(path: Self.sample)
        #expect(fromData == fromPath)
        #expect(fromData.calls.allSatisfy { $0.messages.isEmpty })
        #expect(fromData.decodeError == nil)
    }

    @Test func truncatedCaptureKeepsWhatCameBeforeWithAWarning() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        // Cut the last record in half: the header promises bytes that are not there.
        let analysis = try SIPDiagnostics.analyze(data: data.prefix(data.count - 100))
        #expect(analysis.decodeError == nil)
        #expect(analysis.captureWarnings.count == 1)
        #expect(analysis.statistics.messages == 17)
    }

    @Test func corruptRecordStopsWithAnErrorAfterTheGoodOnes() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.sample)))
        // The first record header starts after the 24-byte file header; its captured length
        // (bytes 8-11 of the record header) becomes larger than the snapshot length allows.
        let first = 24
        let firstLength = Int(bytes[first + 8]) | Int(bytes[first + 9]) << 8
        let second = first + 16 + firstLength
        bytes.replaceSubrange((second + 8)..<(second + 12), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let analysis = try SIPDiagnostics.analyze(data: Data(bytes))
        let error = try #require(analysis.decodeError)
        #expect(error.recordNumber == 2)
        #expect(analysis.statistics.messages == 1)
    }

    @Test func notACaptureThrows() {
        #expect(throws: CaptureError.self) { try SIPDiagnostics.analyze(data: Data("hello".utf8)) }
    }
}
