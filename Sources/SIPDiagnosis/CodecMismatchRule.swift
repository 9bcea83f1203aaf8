public import SIPAnalysis
import SIPCapture

/// The first offer/answer (RFC 3264) of a call without a usable stream: the answer refused the
/// stream (port 0, RFC 3264 section 6), or it lists no codec of the offer (section 6.1 lets the
/// answerer pick only among the offered formats).
///
/// Codes `media.stream-rejected` (warning: the call may be up without audio) and
/// `media.no-common-codec` (error). Calls refused with 488 are left to ``ResponseCodeRule``.
public struct CodecMismatchRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call, let offer = call.media.offer, let answer = call.media.answer else { return [] }
        let evidence = MediaAddressRule.sides(of: call).flatMap(\.evidence)
        let offered = offer.codecs.isEmpty ? "none listed" : offer.codecs.joined(separator: ", ")
        let answered = answer.codecs.isEmpty ? "none listed" : answer.codecs.joined(separator: ", ")
        if answer.isRejected {
            return [
                Finding(
                    code: "media.stream-rejected",
                    severity: .warning,
                    summary: "The answer refused the \(answer.mediaType) stream (port 0)",
                    explanation: "The answer set the port of the \(answer.mediaType) stream to 0, which refuses "
                        + "it (RFC 3264 section 6): the call can be set up without any audio. Usually none of "
                        + "the offered codecs (\(offered)) or the profile (RTP/AVP vs RTP/SAVP, SRTP) is "
                        + "acceptable to the answerer.",
                    evidence: evidence,
                    fix: "Offer a codec and profile the carrier accepts (G.711 PCMA/PCMU over RTP/AVP is the safe "
                        + "choice) and compare with the carrier's codec list.",
                    callID: call.callID
                )
            ]
        }
        guard call.media.negotiatedCodec == nil, !answer.codecs.isEmpty else { return [] }
        return [
            Finding(
                code: "media.no-common-codec",
                severity: .error,
                summary: "No common codec: offered \(offered), answered \(answered)",
                explanation: "The answer lists no codec that the offer listed (RFC 3264 section 6.1 allows "
                    + "only offered formats), so the two sides cannot exchange audio. It usually comes from a "
                    + "codec list changed on one side only, or an SBC that rewrites the SDP.",
                evidence: evidence,
                fix: "Align the codec lists of the PBX and the trunk (keep PCMA/PCMU enabled on both), or let the "
                    + "SBC transcode.",
                callID: call.callID
            )
        ]
    }
}
