public import SIPAnalysis
import SIPCapture

/// Media addresses of the first offer/answer (RFC 3264) that the other side cannot send RTP to:
/// a private address (RFC 1918, RFC 6598 shared space, IPv6 ULA RFC 4193) in an SDP whose SIP
/// message came from a public address, the classic sign of a PBX behind NAT that does not know
/// its public address; or `c=0.0.0.0`, which RFC 3264 section 8.4 allows only to put a call on
/// hold (the old RFC 2543 way), never in the first exchange.
///
/// Codes `media.private-address` (warning: one-way or no audio) and `media.null-address`
/// (warning).
public struct MediaAddressRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call else { return [] }
        var findings: [Finding] = []
        for side in Self.sides(of: call) {
            guard let endpoint = side.description.endpoint, let address = Self.address(of: endpoint) else {
                continue
            }
            if address.bytes.allSatisfy({ $0 == 0 }) {
                findings.append(
                    Finding(
                        code: "media.null-address",
                        severity: .warning,
                        summary: "The SDP \(side.role) gives media address \(endpoint)",
                        explanation: "The \(side.role) of the call's first offer/answer says c=0.0.0.0, which "
                            + "tells the other side not to send media at all; RFC 3264 section 8.4 keeps it only "
                            + "for putting an established call on hold. Some older PBXs send it while they "
                            + "do not know their media address yet, which gives a call without audio.",
                        evidence: side.evidence,
                        fix: "Configure the sender's media (RTP) address, or its SBC's, so the SDP names a real "
                            + "address; update the device if it sends 0.0.0.0 outside hold.",
                        callID: call.callID
                    )
                )
            } else if address.isPrivate, side.sender.address.isPublic {
                findings.append(
                    Finding(
                        code: "media.private-address",
                        severity: .warning,
                        summary: "The SDP \(side.role) from public \(side.sender) gives private media address "
                            + "\(endpoint)",
                        explanation: "The SIP message came from the public address \(side.sender.address), but "
                            + "its SDP asks for RTP to be sent to \(address), a private address (RFC 1918 / RFC "
                            + "6598) that cannot be reached across the Internet. The sender is behind NAT and "
                            + "writes its internal address into the SDP: the usual result is one-way audio or "
                            + "no audio, unless the carrier's SBC fixes media addresses (latching, "
                            + "comedia).",
                        evidence: side.evidence,
                        fix: "Set the public (external) address on the PBX or SBC (external media address, NAT "
                            + "settings), or use an SBC that rewrites the SDP; disable SIP ALG on the router, "
                            + "which often rewrites it wrongly.",
                        callID: call.callID
                    )
                )
            }
        }
        return findings
    }

    /// One side of the exchange: the description, who sent it and the message that carried it.
    struct Side {
        var role: String
        var description: MediaDescription
        var sender: Endpoint
        var evidence: [FindingEvidence]
    }

    /// The offer and the answer with their senders: the offer in the INVITE and the answer in a
    /// response (RFC 3264 section 5), or the offer in the response and the answer in the ACK
    /// (RFC 3261 section 13.2.1).
    static func sides(of call: SIPCall) -> [Side] {
        let answered = call.initialInvites.lazy.compactMap { attempt in
            attempt.responses.first { $0.hasSDP }.map { (attempt, $0) }
        }.first
        let responseEvidence = answered.map { call.responseEvidence($0.1, of: $0.0) }
        let inviteWithSDP = call.initialInvites.first { $0.requestHasSDP && $0.requestTime != nil }
        var sides: [Side] = []
        if let inviteWithSDP {
            if let offer = call.media.offer {
                let evidence = call.requestEvidence(inviteWithSDP).map { [$0] } ?? []
                sides.append(Side(role: "offer", description: offer, sender: inviteWithSDP.client, evidence: evidence))
            }
            if let answer = call.media.answer, let answered, let responseEvidence {
                let sender = call.sourceOf(answered.1) ?? answered.0.server
                sides.append(Side(role: "answer", description: answer, sender: sender, evidence: [responseEvidence]))
            }
        } else if let offer = call.media.offer, let answered, let responseEvidence {
            let sender = call.sourceOf(answered.1) ?? answered.0.server
            sides.append(Side(role: "offer", description: offer, sender: sender, evidence: [responseEvidence]))
            if let answer = call.media.answer,
                let ack = call.transactions.first(where: { $0.method == "ACK" && $0.requestHasSDP })
            {
                let evidence = call.requestEvidence(ack).map { [$0] } ?? []
                sides.append(Side(role: "answer", description: answer, sender: ack.client, evidence: evidence))
            }
        }
        return sides
    }

    /// The address of `ip:port` or `[v6]:port`.
    static func address(of endpoint: String) -> IPAddress? {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return IPAddress(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        guard let colon = endpoint.lastIndex(of: ":") else { return IPAddress(endpoint) }
        return IPAddress(endpoint[..<colon])
    }
}
