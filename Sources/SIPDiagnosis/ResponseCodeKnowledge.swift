/// What a SIP final failure response usually means at a carrier edge (a trunk between a
/// customer's PBX or SBC and a carrier), and what to check. The meanings are RFC 3261
/// section 21; the causes and checks are the usual ones seen on trunks.
public struct ResponseCodeKnowledge: Sendable, Hashable {
    public var statusCode: Int
    /// The usual cause, in plain language.
    public var meaning: String
    /// What to check first.
    public var check: String
    /// Whether the response is the callee's (or caller's) own choice, not a fault.
    public var isUserOutcome: Bool

    public init(statusCode: Int, meaning: String, check: String, isUserOutcome: Bool = false) {
        self.statusCode = statusCode
        self.meaning = meaning
        self.check = check
        self.isUserOutcome = isUserOutcome
    }

    /// The entry for `statusCode`, or the generic one of its class (4xx, 5xx, 6xx); `nil` below 300.
    public static func entry(for statusCode: Int) -> ResponseCodeKnowledge? {
        if let known = table.first(where: { $0.statusCode == statusCode }) { return known }
        switch statusCode {
        case 300..<400:
            return ResponseCodeKnowledge(
                statusCode: statusCode,
                meaning: "The call was redirected (RFC 3261 section 21.3); a carrier edge rarely follows "
                    + "redirects, so the call ends here unless the caller retries the Contact given.",
                check: "Check whether the caller should follow the Contact of the response, or whether the "
                    + "redirecting server should proxy the call instead."
            )
        case 400..<500:
            return ResponseCodeKnowledge(
                statusCode: statusCode,
                meaning: "The far end refused the request as it was sent (a 4xx client error, RFC 3261 "
                    + "section 21.4): something in the request itself is not acceptable there.",
                check: "Read the reason phrase and any Warning or Reason header of the response, then compare the "
                    + "request (Request-URI, From, headers, SDP) with what the carrier documents."
            )
        case 500..<600:
            return ResponseCodeKnowledge(
                statusCode: statusCode,
                meaning: "The far end failed to handle a request that may have been valid (a 5xx server error, "
                    + "RFC 3261 section 21.5): an internal fault, overload or a failed route behind it.",
                check: "Retry later or over another route; if it persists, give the carrier the Call-ID and time."
            )
        case 600..<700:
            return ResponseCodeKnowledge(
                statusCode: statusCode,
                meaning: "A global failure (6xx, RFC 3261 section 21.6): the callee's side says no other "
                    + "location will accept the call either.",
                check: "Check the number with the callee; retrying elsewhere will not help."
            )
        default:
            return nil
        }
    }

    /// The known codes, in numerical order.
    public static let table: [ResponseCodeKnowledge] = [
        ResponseCodeKnowledge(
            statusCode: 401,
            meaning: "The far end asks the caller to authenticate (digest challenge, RFC 3261 section 22.2) "
                + "and the caller never sent the INVITE again with credentials.",
            check: "Check that the PBX has the trunk's username and password, and that it answers a "
                + "WWW-Authenticate challenge on INVITE (some only do it on REGISTER)."
        ),
        ResponseCodeKnowledge(
            statusCode: 403,
            meaning: "The carrier refuses the call: usually the source IP is not on the trunk's whitelist, the "
                + "caller ID (From / P-Asserted-Identity) is not a number of the account, the destination is "
                + "barred (premium, international), or the account is out of credit.",
            check: "Check the trunk's IP whitelist against the INVITE's source address, the caller ID format "
                + "and ownership, the account's destination restrictions and balance."
        ),
        ResponseCodeKnowledge(
            statusCode: 404,
            meaning: "The called number does not exist on the far side, or it was sent in a format the carrier "
                + "does not route (missing country code, extra prefix, wrong domain).",
            check: "Check the Request-URI user part: E.164 with or without '+', as the carrier expects, and no "
                + "leftover PBX dial prefix."
        ),
        ResponseCodeKnowledge(
            statusCode: 407,
            meaning: "A proxy asks the caller to authenticate (Proxy-Authenticate, RFC 3261 section 22.3) and "
                + "the caller never sent the INVITE again with Proxy-Authorization.",
            check: "Check the trunk's username and password on the PBX, that it answers proxy challenges on "
                + "INVITE, and that the realm matches."
        ),
        ResponseCodeKnowledge(
            statusCode: 408,
            meaning: "A server on the path got no final answer in time (RFC 3261 section 21.4.9): the next hop "
                + "or the callee's device did not respond.",
            check: "Check whether the callee is registered and reachable; if the carrier sends it at once, its "
                + "route to the destination is failing."
        ),
        ResponseCodeKnowledge(
            statusCode: 480,
            meaning: "The callee is not available right now: not registered, does not answer, or do-not-disturb "
                + "(RFC 3261 section 21.4.18).",
            check: "Check that the callee's phone or PBX is registered and reachable; compare the Reason header "
                + "cause (18/19 mean no answer, 20 absent)."
        ),
        ResponseCodeKnowledge(
            statusCode: 484,
            meaning: "The called number is incomplete (RFC 3261 section 21.4.22): too few digits, often because "
                + "the PBX sent the call before the user finished dialling or stripped a prefix.",
            check: "Check the dialled number and the PBX's dial plan (digit timeout, prefix stripping)."
        ),
        ResponseCodeKnowledge(
            statusCode: 486,
            meaning: "The callee is busy (RFC 3261 section 21.4.24).",
            check: "Nothing to fix on the trunk; if every call gets 486, check the channel limit of the trunk or "
                + "the callee's call-waiting settings.",
            isUserOutcome: true
        ),
        ResponseCodeKnowledge(
            statusCode: 487,
            meaning: "The INVITE was cancelled before it was answered (RFC 3261 section 21.4.25): usually the "
                + "caller hung up while it rang.",
            check: "Nothing to fix if the caller hung up; if calls are cancelled after a fixed time, look for a "
                + "ring timeout on the PBX or the carrier.",
            isUserOutcome: true
        ),
        ResponseCodeKnowledge(
            statusCode: 488,
            meaning: "The far end accepts none of the offered media (RFC 3261 section 21.4.26, RFC 3264): no "
                + "common codec, SRTP offered where RTP is expected (or the reverse), or a malformed SDP.",
            check: "Compare the offered codecs (m= and a=rtpmap lines) with the carrier's list (G.711 PCMA/PCMU "
                + "is the safe choice) and the RTP/SAVP vs RTP/AVP profile."
        ),
        ResponseCodeKnowledge(
            statusCode: 500,
            meaning: "The far end hit an internal error (RFC 3261 section 21.5.1).",
            check: "Retry; if it repeats for the same number or SDP, give the carrier the Call-ID and time."
        ),
        ResponseCodeKnowledge(
            statusCode: 502,
            meaning: "A proxy or SBC on the path got an invalid response from the next hop (RFC 3261 section "
                + "21.5.3): the carrier's own upstream route failed.",
            check: "Retry over another route if there is one, and report the Call-ID and time to the carrier."
        ),
        ResponseCodeKnowledge(
            statusCode: 503,
            meaning: "The far end is overloaded, in maintenance, or has no route or channel for the call "
                + "(RFC 3261 section 21.5.4); on trunks it is also sent when the account's channel limit is "
                + "reached or the destination is not provisioned.",
            check: "Check the Retry-After header, the trunk's concurrent-call limit and whether the failover "
                + "route (a second SBC / DNS SRV target) is used."
        ),
        ResponseCodeKnowledge(
            statusCode: 504,
            meaning: "A server on the path timed out waiting for the next hop (RFC 3261 section 21.5.5).",
            check: "Check the carrier's route to the destination; retry later or over another route."
        ),
        ResponseCodeKnowledge(
            statusCode: 600,
            meaning: "The callee is busy everywhere (RFC 3261 section 21.6.1).",
            check: "Nothing to fix on the trunk.",
            isUserOutcome: true
        ),
        ResponseCodeKnowledge(
            statusCode: 603,
            meaning: "The callee declined the call (RFC 3261 section 21.6.2), or a carrier's fraud or spam "
                + "filter rejected it.",
            check: "If the callee did not decline, check the caller ID (an invalid or unverified number is "
                + "often declined by spam filters, STIR/SHAKEN attestation).",
            isUserOutcome: true
        ),
    ]
}
