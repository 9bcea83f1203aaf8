public import SIPAnalysis
import SIPCapture

/// A first offer/answer that is not two-way: `a=sendonly`, `a=recvonly` or `a=inactive` (at
/// session or media level, RFC 8866 section 6.7) in the SDP of the initial INVITE exchange.
/// Those attributes put a stream on hold or make it one-way (RFC 3264 sections 5.1 and 6.1, and
/// section 8.4 for hold), which belongs in a later re-INVITE, not in a call being set up; in the
/// first exchange they mean one-way or no audio from the start, unless the call is meant to be
/// one-way (paging, announcements, monitoring).
///
/// Code `media.direction-without-hold`, severity warning, one finding per call with the offer
/// and the answer that are not `sendrecv`. A `c=0.0.0.0` side is left to ``MediaAddressRule``.
public struct MediaDirectionRule: DiagnosisRule {
    public init() {}

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call else { return [] }
        let oneWay = MediaAddressRule.sides(of: call).filter { side in
            let direction = side.description.direction
            let null = side.description.endpoint.flatMap(MediaAddressRule.address(of:))?.bytes.allSatisfy { $0 == 0 }
            return !direction.isEmpty && direction != "sendrecv" && null != true
        }
        guard !oneWay.isEmpty else { return [] }
        let sides = oneWay.map { "\($0.role) a=\($0.description.direction)" }.joined(separator: ", ")
        let silent = oneWay.contains { $0.description.direction == "inactive" }
        return [
            Finding(
                code: "media.direction-without-hold",
                severity: .warning,
                summary: "The call's first offer/answer is not two-way (\(sides))",
                explanation: "In the SDP that sets the call up, "
                    + oneWay.map { "the \($0.role) from \($0.sender) says a=\($0.description.direction)" }
                    .joined(separator: " and ")
                    + ". Those attributes stop media in one direction"
                    + (silent ? " or both" : "") + " (RFC 3264 sections 5.1 and 6.1); they are how a call is "
                    + "put on hold later by a re-INVITE (RFC 3264 section 8.4), not how a normal call starts. "
                    + "Unless the call is meant to be one-way (paging, an announcement), the result is "
                    + (silent ? "no audio" : "one-way audio") + " from the first second: usually a device left "
                    + "in a hold or mute state, a misconfigured media proxy, or music-on-hold settings.",
                evidence: oneWay.flatMap { side in
                    side.evidence.map { evidence in
                        var evidence = evidence
                        evidence.text += ", a=\(side.description.direction)"
                        return evidence
                    }
                },
                fix: "Check the device or PBX that wrote the attribute: its hold and mute state, its media (RTP) "
                    + "proxy or SBC settings, and that it sends a=sendrecv (or no direction attribute) when it "
                    + "sets up a call.",
                callID: call.callID
            )
        ]
    }
}
