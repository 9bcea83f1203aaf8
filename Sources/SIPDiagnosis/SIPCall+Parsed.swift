import SIPAnalysis
import SIPCapture
import SIPMessage

/// The headers some rules read (Contact, Via, Session-Expires, the SDP of each response) are
/// not in the call's summary: they are read from the kept message bytes, which exist only when
/// the analysis kept them (``MessageRetention/full``). Without them those rules find nothing.
extension SIPCall {
    /// The message at `position` in ``messages``, parsed; `nil` when its bytes were not kept or
    /// do not parse.
    func parsedMessage(at position: Int?) -> SIPMessage? {
        guard let position, messages.indices.contains(position) else { return nil }
        let payload = messages[position].payload
        guard !payload.isEmpty else { return nil }
        return try? SIPMessage(parsing: payload)
    }

    /// The first copy of `response`, parsed.
    func parsedMessage(of response: SIPTransactionResponse) -> SIPMessage? {
        parsedMessage(at: messagePosition(captureIndex: response.messageIndex))
    }

    /// "INVITE from 10.0.0.1:5060 to 10.0.0.2:5060 over UDP" for the kept message at `position`
    /// (any request or response), plus `detail`.
    func messageEvidence(at position: Int, detail: String? = nil) -> FindingEvidence? {
        guard messages.indices.contains(position) else { return nil }
        let message = messages[position]
        let what: String
        if let method = message.method {
            what = method
        } else {
            what = message.label + (message.cseq.map { " to \($0.method)" } ?? "")
        }
        let text =
            "\(what) from \(message.source) to \(message.destination) over "
            + message.transport.rawValue.uppercased() + (detail.map { ", " + $0 } ?? "")
        return FindingEvidence(messageIndex: position, time: message.time, text: text)
    }
}
