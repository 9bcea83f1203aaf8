import Foundation
import SIPAnalysis
import SIPCapture

/// The real SIPp captures made for the diagnosis rules (scripts/fixtures/make-diagnosis-captures.sh,
/// whose header describes each call message by message), read with the message bytes kept, as
/// `sipdiag analyze --call-id` reads a call: the NAT, session timer and media rules read headers
/// and SDP from them.
enum DiagnosisCaptures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .standardizedFileURL

    static func analyze(_ file: String, retention: MessageRetention = .full) throws -> CaptureAnalysis {
        try RealCalls.analyze(url: directory.appendingPathComponent(file), retention: retention)
    }

    static func call(_ file: String, _ callID: String) throws -> SIPCall {
        guard let call = try analyze(file).call(callID) else {
            throw RealCalls.Missing(description: "\(callID) in \(file)")
        }
        return call
    }

    /// A good call of ``RealCalls/goodCalls`` with its message bytes kept.
    static func goodCall(_ good: (file: String, callID: String)) throws -> SIPCall {
        let analysis = try RealCalls.analyze(good.file, retention: .full)
        guard let call = analysis.call(good.callID) else {
            throw RealCalls.Missing(description: "\(good.callID) in \(good.file)")
        }
        return call
    }
}
