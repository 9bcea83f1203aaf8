import SIPCapture

/// Renders the SIP messages of one dialog between a user agent and the proxy, with the
/// headers real stacks send (RFC 3261 section 8.1.1 and 20): Via with branch and rport,
/// Max-Forwards, From/To with tags, Call-ID, CSeq, Contact, Allow, Supported,
/// User-Agent/Server, Content-Type and a correct Content-Length.
struct DialogText {
    var leg: Leg
    var callID: String
    var user: User
    /// The other party: the called number for calls, the user itself for REGISTER.
    var remoteNumber: String
    var fromTag: String
    /// The tag the proxy side puts in To once it answers.
    var toTag: String
    static let domain = "pbx.example.com"
    static let server = "sipdiag-bench-proxy/2.4.1"
    static let allow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, MESSAGE"

    private var fromHeader: String {
        "From: \"\(user.displayName)\" <sip:\(user.number)@\(Self.domain)>;tag=\(fromTag)"
    }

    /// The To header, with the proxy side's tag once it answered (RFC 3261 section 8.2.6.2).
    private func toHeader(tagged: Bool) -> String {
        "To: <sip:\(remoteNumber)@\(Self.domain)>" + (tagged ? ";tag=\(toTag)" : "")
    }

    private var userAgentContact: String {
        "Contact: <sip:\(user.number)@\(leg.userAgentHost)\(leg.transportParameter)>"
    }

    /// A request from the user agent to the proxy.
    func request(
        _ method: String,
        cseq: Int,
        branch: String,
        toTagged: Bool = false,
        contact: Bool = false,
        extra: [String] = [],
        body: String = ""
    ) -> [UInt8] {
        var headers = [
            "Via: SIP/2.0/\(leg.kind.viaTransport) \(leg.userAgentHost);branch=\(branch);rport",
            "Max-Forwards: 70",
            fromHeader,
            toHeader(tagged: toTagged),
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
        ]
        if contact { headers.append(userAgentContact) }
        headers += extra
        headers.append("User-Agent: \(user.userAgent)")
        let uri =
            method == "REGISTER"
            ? "sip:\(Self.domain)" : "sip:\(remoteNumber)@\(Self.domain)\(method == "INVITE" ? ";user=phone" : "")"
        return Self.render("\(method) \(uri) SIP/2.0", headers, body: body)
    }

    /// A response from the proxy to one of the user agent's requests.
    func response(
        _ code: Int,
        _ reason: String,
        method: String,
        cseq: Int,
        branch: String,
        contact: Bool = false,
        extra: [String] = [],
        body: String = ""
    ) -> [UInt8] {
        var headers = [
            "Via: SIP/2.0/\(leg.kind.viaTransport) \(leg.userAgentHost);branch=\(branch)"
                + ";rport=\(leg.userAgent.port);received=\(leg.userAgent.address)",
            fromHeader,
            toHeader(tagged: code > 100),
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
        ]
        if contact { headers.append("Contact: <sip:\(remoteNumber)@\(leg.proxy)\(leg.transportParameter)>") }
        headers += extra
        headers.append("Server: \(Self.server)")
        return Self.render("SIP/2.0 \(code) \(reason)", headers, body: body)
    }

    /// A request from the proxy to the user agent, inside the dialog when `inDialog` (a BYE
    /// from the called party: From and To swap, RFC 3261 section 12.2.1.1) or outside it
    /// (an OPTIONS keep-alive ping, RFC 3261 section 11).
    func proxyRequest(_ method: String, cseq: Int, branch: String, inDialog: Bool) -> [UInt8] {
        var headers = ["Via: SIP/2.0/\(leg.kind.viaTransport) \(leg.proxy);branch=\(branch)", "Max-Forwards: 70"]
        if inDialog {
            headers.append("From: <sip:\(remoteNumber)@\(Self.domain)>;tag=\(toTag)")
            headers.append("To: \"\(user.displayName)\" <sip:\(user.number)@\(Self.domain)>;tag=\(fromTag)")
        } else {
            headers.append("From: <sip:ping@\(Self.domain)>;tag=\(toTag)")
            headers.append("To: <sip:\(user.number)@\(leg.userAgentHost)>")
        }
        headers.append("Call-ID: \(callID)")
        headers.append("CSeq: \(cseq) \(method)")
        if method == "OPTIONS" { headers.append("Accept: application/sdp") }
        headers.append("User-Agent: \(Self.server)")
        let uri = "sip:\(user.number)@\(leg.userAgentHost)\(leg.transportParameter)"
        return Self.render("\(method) \(uri) SIP/2.0", headers, body: "")
    }

    /// The user agent's answer to ``proxyRequest(_:cseq:branch:inDialog:)``.
    func userAgentResponse(_ method: String, cseq: Int, branch: String, inDialog: Bool) -> [UInt8] {
        var headers = ["Via: SIP/2.0/\(leg.kind.viaTransport) \(leg.proxy);branch=\(branch)"]
        if inDialog {
            headers.append("From: <sip:\(remoteNumber)@\(Self.domain)>;tag=\(toTag)")
            headers.append("To: \"\(user.displayName)\" <sip:\(user.number)@\(Self.domain)>;tag=\(fromTag)")
        } else {
            headers.append("From: <sip:ping@\(Self.domain)>;tag=\(toTag)")
            headers.append("To: <sip:\(user.number)@\(leg.userAgentHost)>;tag=\(fromTag)")
        }
        headers.append("Call-ID: \(callID)")
        headers.append("CSeq: \(cseq) \(method)")
        if method == "OPTIONS" {
            headers.append(userAgentContact)
            headers.append(Self.allow)
            headers.append("Accept: application/sdp, application/dtmf-relay")
            headers.append("Supported: replaces, timer, path")
        }
        headers.append("User-Agent: \(user.userAgent)")
        return Self.render("SIP/2.0 200 OK", headers, body: "")
    }

    /// Joins the start line and headers, adding Content-Type for a body and Content-Length.
    static func render(_ startLine: String, _ headers: [String], body: String) -> [UInt8] {
        var text = startLine + "\r\n"
        for header in headers {
            text += header
            text += "\r\n"
        }
        if !body.isEmpty { text += "Content-Type: application/sdp\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n"
        text += body
        return Array(text.utf8)
    }
}
