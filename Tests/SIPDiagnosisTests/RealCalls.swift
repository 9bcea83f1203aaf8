import Foundation
import SIPAnalysis
import SIPCapture

/// The real SIPp captures of the analysis tests (scripts/fixtures/make-analysis-captures.sh,
/// described call by call in their EXPECTED.tsv), read as the analysis tests read them.
enum RealCalls {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../SIPAnalysisTests/Fixtures/calls")
        .standardizedFileURL

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func analyze(_ file: String, retention: MessageRetention = .summaries) throws -> CaptureAnalysis {
        try analyze(url: directory.appendingPathComponent(file), retention: retention)
    }

    /// Any capture of the tests, analysed as `sipdiag` analyses it.
    static func analyze(url: URL, retention: MessageRetention) throws -> CaptureAnalysis {
        let reader = try CaptureReader(path: url.path)
        var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: retention))
        while let item = try reader.next() { analyzer.add(item) }
        return analyzer.finish()
    }

    static func call(_ file: String, _ callID: String) throws -> SIPCall {
        guard let call = try analyze(file).call(callID) else { throw Missing(description: "\(callID) in \(file)") }
        return call
    }

    /// Every call of every capture that ended well: answered, ACKed, BYE answered.
    static let goodCalls: [(file: String, callID: String)] = [
        ("outcomes.pcap", "answered@sipdiag.test"),
        ("outcomes.pcap", "answered-callee-bye@sipdiag.test"),
        ("auth-retrans.pcap", "auth@sipdiag.test"),
        ("auth-retrans.pcap", "retransmissions@sipdiag.test"),
        ("dialogs.pcap", "prack-reinvite@sipdiag.test"),
        ("dialogs.pcap", "forking@sipdiag.test"),
        ("legs.pcap", "legs-a@sipdiag.test"),
        ("legs.pcap", "legs-b@sipdiag.test"),
        ("tcp.pcap", "tcp@sipdiag.test"),
    ]
}
