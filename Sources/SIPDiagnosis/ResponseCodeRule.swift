public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The final failure response of a call's initial INVITE (RFC 3261 section 13.2.2.3), explained
/// with ``ResponseCodeKnowledge`` and, when the response carries one, the Q.850 cause of its
/// Reason header (RFC 3326, ITU-T Q.850).
///
/// Code `response.<status>`. Severity: error, except the callee's or caller's own choices
/// (486, 487, 600, 603: info) and 480 (warning: often just no answer).
public struct ResponseCodeRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call, let status = call.finalStatus, status >= 300,
            let knowledge = ResponseCodeKnowledge.entry(for: status)
        else { return [] }
        // The last out-of-dialog INVITE that got this status decided the call: earlier ones may
        // have been challenged and retried (RFC 3261 section 22.2).
        guard
            let invite = call.initialInvites.last(where: { $0.finalResponse?.statusCode == status }),
            let response = invite.finalResponse
        else { return [] }
        var explanation = knowledge.meaning
        let reason = response.reason ?? call.reason
        if let reason, reason.isQ850, let cause = reason.cause {
            let name = reason.q850Description ?? reason.text ?? "not a common cause value"
            explanation += " The Reason header gives Q.850 cause \(cause) (\(name))"
            explanation += Self.q850Hint(cause: cause).map { ": \($0)" } ?? "."
        } else if let reason, reason.isSIP, let cause = reason.cause, cause != status {
            explanation += " The Reason header gives SIP cause \(cause), the status a server further on returned."
        }
        var evidence: [FindingEvidence] = []
        if let request = call.requestEvidence(invite) { evidence.append(request) }
        evidence.append(
            call.responseEvidence(response, of: invite, detail: reason.map { "Reason: \($0.raw)" })
        )
        let severity: FindingSeverity =
            knowledge.isUserOutcome ? .info : (status == 480 ? .warning : .error)
        let phrase = response.reasonPhrase.isEmpty ? "" : " \(response.reasonPhrase)"
        return [
            Finding(
                code: "response.\(status)",
                severity: severity,
                summary: "The call ended with \(status)\(phrase) from \(invite.server)",
                explanation: explanation,
                evidence: evidence,
                fix: knowledge.check,
                callID: call.callID
            )
        ]
    }

    /// What a Q.850 cause usually says at a carrier edge, for the common values (ITU-T Q.850
    /// table 1; the SIP mapping is RFC 3398 section 7.2.4.1).
    static func q850Hint(cause: Int) -> String? {
        switch cause {
        case 1: "the number is not allocated (check the dialled number)."
        case 3: "the carrier has no route to the destination (check the destination is enabled on the account)."
        case 16: "a normal hang-up, not a fault."
        case 17: "the callee is busy."
        case 18: "the callee's device did not respond (not registered or unreachable)."
        case 19: "the callee's phone rang but nobody answered."
        case 21: "the callee's side rejected the call (often a barring, screening or spam rule)."
        case 27: "the callee's equipment is out of order or unreachable."
        case 28: "the number is in a wrong format (check E.164 and prefixes)."
        case 31: "an unspecified normal event, often used when nothing more precise is known."
        case 34: "no circuit or channel free on the route (capacity or channel limit)."
        case 38: "the network is out of order (a carrier fault)."
        case 41: "a temporary failure in the network (retry)."
        case 42: "switching equipment congestion (overload on the route)."
        case 47: "a resource is unavailable (often transcoding or media resources)."
        case 55: "incoming calls are barred for the callee."
        case 57: "the bearer capability is not authorised (the account may not call this type of number)."
        case 58: "the bearer capability is not available now (often the codec or media)."
        case 65: "the bearer capability is not implemented (codec or media type unsupported)."
        case 88: "the destination is incompatible with the call (media or service type)."
        case 102: "a timer expired in the network (no answer from a further hop)."
        case 111: "a protocol error (malformed message on some hop)."
        case 127: "interworking with another network, cause unknown (the real cause was lost on the way)."
        default: nil
        }
    }
}
