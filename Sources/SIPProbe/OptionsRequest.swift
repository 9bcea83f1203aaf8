import SIPCapture
import SIPDiagnosis
import SIPMessage

/// One OPTIONS request, well formed per RFC 3261 section 8.1.1 (Via with a `z9hG4bK` branch and
/// `rport` (RFC 3581), Max-Forwards 70, From with a tag, To, Call-ID, CSeq, Contact,
/// Content-Length), and the matching of its responses (RFC 3261 section 17.1.3: the branch,
/// and the Call-ID for good measure).
struct OptionsRequest {
    let branch: String
    let callID: String
    let text: String

    init(route: RouteTarget, transport: SIPTransport, local: Endpoint?) {
        var generator = SystemRandomNumberGenerator()
        func token() -> String { String(generator.next() as UInt64, radix: 16) }
        branch = "z9hG4bK-sipdiag-" + token()
        callID = token() + token() + "@sipdiag"
        let tag = token()
        let localText = local.map(ProbeResult.text) ?? "0.0.0.0:0"
        let host = route.address?.isIPv6 == true ? "[\(route.host)]" : route.host
        let upper = transport.rawValue.uppercased()
        let parameter = transport == .udp ? "" : ";transport=\(transport.rawValue)"
        let uri = "sip:\(host):\(route.effectivePort)\(parameter)"
        text = [
            "OPTIONS \(uri) SIP/2.0",
            "Via: SIP/2.0/\(upper) \(localText);branch=\(branch);rport",
            "Max-Forwards: 70",
            "From: <sip:sipdiag@\(localText)>;tag=\(tag)",
            "To: <sip:\(host):\(route.effectivePort)>",
            "Call-ID: \(callID)",
            "CSeq: 1 OPTIONS",
            "Contact: <sip:sipdiag@\(localText)\(parameter)>",
            "Accept: application/sdp",
            "User-Agent: sipdiag",
            "Content-Length: 0",
            "",
            "",
        ].joined(separator: "\r\n")
    }

    /// The answer in `bytes` when they are a final response to this request; `nil` for
    /// anything else (a provisional response, a stray message, garbage).
    func finalAnswer(in bytes: [UInt8], since start: ContinuousClock.Instant) -> ProbeAnswer? {
        guard let message = try? SIPMessage(parsing: bytes), let status = message.statusCode, status >= 200,
            message.value(.callID) == callID, message.value(.via)?.contains(branch) ?? false
        else { return nil }
        return ProbeAnswer(
            statusCode: status,
            reasonPhrase: message.reasonPhrase ?? "",
            roundTripMilliseconds: OptionsProbe.milliseconds(since: start),
            server: message.value(.server).map { "Server: \($0)" }
                ?? message.value(.userAgent).map { "User-Agent: \($0)" }
        )
    }
}
