public import SIPAnalysis
import SIPCapture
import SIPMessage

/// A SIP message that names a private address (RFC 1918, RFC 6598, RFC 4193) as where it wants
/// to be reached while the packet itself came from another, non-private address: the sender sits
/// behind NAT and does not know its public address.
///
/// - `nat.private-contact` (warning): the Contact of a request or a 1xx/2xx response. The other
///   side sends every in-dialog request (ACK, re-INVITE, BYE) to the Contact (RFC 3261 sections
///   12.1.1, 12.1.2 and 12.2.1.1), so they go to an address that cannot be reached.
/// - `nat.private-via` (warning): the top Via sent-by of a request, with no `rport` (RFC 3581
///   section 3) asked for and none applied by the server. RFC 3261 section 18.2.2 sends the
///   responses to the `received` address (section 18.2.1) but the sent-by port: behind a NAT that
///   maps ports they are lost, and a server that sends them to the sent-by itself loses them all.
///
/// One finding per code and private address in a call. The headers are read from the kept
/// message bytes (``SIPAnalysis/MessageRetention/full``): without them the rule finds nothing.
public struct NATAddressRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        var contacts: [Candidate] = []
        var vias: [Candidate] = []
        for (position, message) in call.messages.enumerated() where !message.isRetransmission {
            guard let parsed = call.parsedMessage(at: position) else { continue }
            let source = message.source.address
            // A private source talks to its own LAN, where a private Contact is right.
            guard !source.isPrivate else { continue }
            if Self.mayCarryDialogContact(message), let contact = Self.contactAddress(parsed), contact != source {
                note(contact, at: position, in: &contacts)
            }
            if message.method != nil, let via = (try? parsed.topVia()) ?? nil,
                let sentBy = Self.literalAddress(via.host), sentBy.isPrivate, sentBy != source,
                via.rport == .absent, !Self.serverAppliedRport(call, request: message)
            {
                note(sentBy, at: position, in: &vias)
            }
        }
        return contacts.compactMap { contactFinding($0, call) } + vias.compactMap { viaFinding($0, call) }
    }

    /// A private address and the messages that carry it.
    struct Candidate {
        var address: IPAddress
        var positions: [Int]
    }

    private func note(_ address: IPAddress, at position: Int, in candidates: inout [Candidate]) {
        if let index = candidates.firstIndex(where: { $0.address == address }) {
            candidates[index].positions.append(position)
        } else {
            candidates.append(Candidate(address: address, positions: [position]))
        }
    }

    private func contactFinding(_ candidate: Candidate, _ call: SIPCall) -> Finding? {
        guard let first = candidate.positions.first, call.messages.indices.contains(first) else { return nil }
        let message = call.messages[first]
        let more = candidate.positions.count - 1
        let detail =
            "Contact \(candidate.address)" + (more > 0 ? " (and \(more) more message\(more == 1 ? "" : "s"))" : "")
        guard let evidence = call.messageEvidence(at: first, detail: detail) else { return nil }
        return Finding(
            code: "nat.private-contact",
            severity: .warning,
            summary: "\(message.label) from \(message.source) gives private Contact address \(candidate.address)",
            explanation: "The message came from \(message.source.address), but its Contact header, the address "
                + "where the sender wants the rest of the dialog (ACK, re-INVITE, BYE), is the private address "
                + "\(candidate.address) (RFC 1918 / RFC 6598), which cannot be reached from outside its network "
                + "(RFC 3261 section 12.2.1.1). The sender is behind NAT and does not know its public address. "
                + "Typical results: calls that drop after 32 s because the ACK never arrives, BYEs that get "
                + "lost, a far end that keeps the call up.",
            evidence: [evidence],
            fix: "Set the external (public) address and the local networks in the device's NAT settings "
                + "(external IP / externaddr, localnet), or let an SBC or a registrar with NAT handling rewrite "
                + "the Contact; disable the router's SIP ALG, which often rewrites it wrongly.",
            callID: call.callID
        )
    }

    private func viaFinding(_ candidate: Candidate, _ call: SIPCall) -> Finding? {
        guard let first = candidate.positions.first, call.messages.indices.contains(first) else { return nil }
        let message = call.messages[first]
        let more = candidate.positions.count - 1
        let detail =
            "Via sent-by \(candidate.address) without rport"
            + (more > 0 ? " (and \(more) more request\(more == 1 ? "" : "s"))" : "")
        guard let evidence = call.messageEvidence(at: first, detail: detail) else { return nil }
        return Finding(
            code: "nat.private-via",
            severity: .warning,
            summary: "\(message.label) from \(message.source) has private Via address \(candidate.address) "
                + "without rport",
            explanation: "The request came from \(message.source), but its top Via, where responses are to go, "
                + "names the private address \(candidate.address) and does not ask for rport. A server then "
                + "sends the responses to the source address but the Via's port (RFC 3261 section 18.2.2): a "
                + "NAT that changed the port drops them, and the sender keeps retransmitting. rport (RFC "
                + "3581) asks the server to answer to the source port as well.",
            evidence: [evidence],
            fix: "Enable rport on the device (often \"NAT traversal\" or \"use rport\"), or force rport on the "
                + "server for this peer (e.g. nat=force_rport); set the device's public address so its Via is "
                + "reachable.",
            callID: call.callID
        )
    }

    /// Requests, and the 101-299 responses that set up a dialog's remote target (RFC 3261 section
    /// 12.1.1). Not a 100 (hop by hop, section 8.2.6.1), a 3xx (its Contact is where to redirect),
    /// nor a 2xx to REGISTER, whose Contacts are the registered bindings of the client (section
    /// 10.3), not the registrar's.
    private static func mayCarryDialogContact(_ message: CallMessage) -> Bool {
        guard let status = message.statusCode else { return true }
        return status > 100 && status < 300 && message.cseq?.method != "REGISTER"
    }

    /// The first Contact's host, when it is an IP address written as such.
    private static func contactAddress(_ message: SIPMessage) -> IPAddress? {
        guard let contact = ((try? message.contacts()) ?? []).first, let host = contact.addresses.first?.uri.host
        else { return nil }
        return literalAddress(host).flatMap { $0.isPrivate ? $0 : nil }
    }

    private static func literalAddress(_ host: SIPHost) -> IPAddress? {
        switch host {
        case .name: nil
        case .ipv4, .ipv6: IPAddress(host.address)
        }
    }

    /// Whether a response to `request` names an rport value in its top Via: the server applied
    /// rport although it was not asked for (RFC 3581 section 4), as many SBCs are set up to.
    private static func serverAppliedRport(_ call: SIPCall, request: CallMessage) -> Bool {
        guard let index = request.transaction, call.transactions.indices.contains(index) else { return false }
        return call.transactions[index].responses.contains { response in
            guard let via = (try? call.parsedMessage(of: response)?.topVia()) ?? nil else { return false }
            if case .value = via.rport { return true }
            return false
        }
    }
}
