import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis

/// The failure samples of samples/failures (real SIPp calls between network namespaces with
/// documentation addresses, scripts/samples/make-failure-samples.sh) and the account that
/// explains them, samples/account.json.
enum AccountSamples {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../samples")
        .standardizedFileURL

    static func account() throws -> AccountConfig {
        try AccountConfig.decode(Data(contentsOf: root.appendingPathComponent("account.json")))
    }

    static func calls(_ file: String, retention: MessageRetention = .none) throws -> [SIPCall] {
        try RealCalls.analyze(url: root.appendingPathComponent("failures/\(file)"), retention: retention).calls
    }

    /// The findings of the sample under the sample account (no name needs resolving).
    static func findings(_ file: String, account: AccountConfig? = nil) throws -> [Finding] {
        SIPDiagnosis.diagnose(try calls(file), account: try account ?? Self.account(), resolver: FixedHostResolver())
    }
}
