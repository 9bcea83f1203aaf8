import SIPAnalysis
import SIPCapture

/// Evidence built from a call's transactions. Transactions name messages by their capture-wide
/// index; findings name them by their position in ``SIPCall/messages``, which exists only when
/// the analysis kept the messages, so the position is looked up and may be `nil`.
extension SIPCall {
    /// The position in ``messages`` of the message with the capture-wide `captureIndex`.
    func messagePosition(captureIndex: Int?) -> Int? {
        guard let captureIndex else { return nil }
        return messages.firstIndex { $0.index == captureIndex }
    }

    /// "INVITE from 10.0.0.1:5060 to 10.0.0.2:5060 over UDP", plus `detail`; `nil` when the
    /// capture holds no copy of the request.
    func requestEvidence(_ transaction: SIPTransaction, detail: String? = nil) -> FindingEvidence? {
        guard let time = transaction.requestTime else { return nil }
        let position = messagePosition(captureIndex: transaction.requestIndex)
        let text =
            "\(transaction.method) from \(transaction.client) to \(transaction.server)"
            + transportText(position) + (detail.map { ", " + $0 } ?? "")
        return FindingEvidence(messageIndex: position, time: time, text: text)
    }

    /// "486 Busy Here from 10.0.0.2:5060 to 10.0.0.1:5060 over UDP", plus `detail`.
    func responseEvidence(
        _ response: SIPTransactionResponse,
        of transaction: SIPTransaction,
        detail: String? = nil
    ) -> FindingEvidence {
        let position = messagePosition(captureIndex: response.messageIndex)
        // Responses travel back along the request's hop (RFC 3261 section 18.2.2).
        let source =
            position.flatMap { messages.indices.contains($0) ? messages[$0].source : nil } ?? transaction.server
        let destination =
            position.flatMap { messages.indices.contains($0) ? messages[$0].destination : nil } ?? transaction.client
        let label =
            response.reasonPhrase.isEmpty ? "\(response.statusCode)" : "\(response.statusCode) \(response.reasonPhrase)"
        let text =
            "\(label) to \(transaction.method) from \(source) to \(destination)" + transportText(position)
            + (detail.map { ", " + $0 } ?? "")
        return FindingEvidence(messageIndex: position, time: response.time, text: text)
    }

    private func transportText(_ position: Int?) -> String {
        guard let position, messages.indices.contains(position) else { return "" }
        // Upper case, as people write transports ("over UDP").
        return " over \(messages[position].transport.rawValue.uppercased())"
    }

    /// The out-of-dialog INVITE transactions: the initial INVITE and its retries after a
    /// challenge or a redirect (new CSeq, same Call-ID, RFC 3261 section 22.2).
    var initialInvites: [SIPTransaction] {
        transactions.filter { $0.method == "INVITE" && $0.isOutOfDialog }
    }

    /// "sent 7 times (6 retransmissions)" or "sent once".
    static func copiesText(retransmissions: Int) -> String {
        retransmissions == 0
            ? "sent once"
            : "sent \(retransmissions + 1) times (\(retransmissions) retransmission\(retransmissions == 1 ? "" : "s"))"
    }
}

extension SIPCall {
    /// Who sent `response`, from the kept message; `nil` when the messages were not kept.
    func sourceOf(_ response: SIPTransactionResponse) -> Endpoint? {
        guard let position = messagePosition(captureIndex: response.messageIndex), messages.indices.contains(position)
        else { return nil }
        return messages[position].source
    }
}
