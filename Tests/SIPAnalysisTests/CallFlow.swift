import Foundation
import SIPAnalysis
import SIPCapture

/// Builds captures by hand for the cases real traffic cannot easily show (forking, hops, RFC 2543
/// peers, hostile input): messages with chosen times and endpoints, in order.
struct CallFlow {
    static let caller = Endpoint(address: IPAddress("192.0.2.10")!, port: 5060)
    static let proxy = Endpoint(address: IPAddress("198.51.100.1")!, port: 5060)
    static let callee = Endpoint(address: IPAddress("203.0.113.20")!, port: 5080)

    private(set) var items: [CaptureItem] = []

    /// Adds a message sent at `milliseconds` after the epoch; `text` uses LF line ends.
    mutating func send(_ source: Endpoint, _ destination: Endpoint, at milliseconds: Int64, _ text: String) {
        let payload = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        items.append(
            .message(
                CapturedMessage(
                    time: CaptureTime(nanoseconds: milliseconds * 1_000_000),
                    source: source,
                    destination: destination,
                    transport: .udp,
                    recordNumbers: [items.count + 1],
                    payload: payload
                )
            )
        )
    }

    /// Adds an ICMP port unreachable quoting a packet from `source` to `destination`.
    mutating func icmp(quoting source: Endpoint, _ destination: Endpoint, at milliseconds: Int64) {
        let icmp = ICMPUnreachable(
            time: CaptureTime(nanoseconds: milliseconds * 1_000_000),
            recordNumber: items.count + 1,
            reporter: destination.address,
            quotedSource: source,
            quotedDestination: destination,
            quotedProtocol: 17,
            isIPv6: false,
            type: 3,
            code: 3
        )
        items.append(.event(.icmpUnreachable(icmp)))
    }

    func analyze(_ options: AnalysisOptions = AnalysisOptions(messageRetention: .summaries)) -> CaptureAnalysis {
        var analyzer = CallAnalyzer(options: options)
        for item in items { analyzer.add(item) }
        return analyzer.finish()
    }
}

/// SIP message text for the flows, with the headers every test needs and room for more.
enum SIPText {
    static let sdpOffer = """
        v=0
        o=alice 1 1 IN IP4 192.0.2.10
        s=-
        c=IN IP4 192.0.2.10
        t=0 0
        m=audio 49170 RTP/AVP 0 8 101
        a=rtpmap:101 telephone-event/8000

        """
    static let sdpAnswer = """
        v=0
        o=bob 2 2 IN IP4 203.0.113.20
        s=-
        c=IN IP4 203.0.113.20
        t=0 0
        m=audio 30000 RTP/AVP 8 101
        a=rtpmap:101 telephone-event/8000

        """

    static func request(
        _ method: String,
        callID: String = "call-1@test",
        cseq: Int = 1,
        cseqMethod: String? = nil,
        branch: String = "z9hG4bK-1",
        sentBy: String = "192.0.2.10:5060",
        fromTag: String = "caller-tag",
        toTag: String? = nil,
        extra: [String] = [],
        body: String = ""
    ) -> String {
        message(
            [
                "\(method) sip:bob@203.0.113.20:5080 SIP/2.0", "Via: SIP/2.0/UDP \(sentBy);branch=\(branch)",
                "Max-Forwards: 70",
            ],
            callID: callID,
            cseq: "\(cseq) \(cseqMethod ?? method)",
            fromTag: fromTag,
            toTag: toTag,
            extra: extra,
            body: body
        )
    }

    static func response(
        _ status: Int,
        _ phrase: String,
        method: String = "INVITE",
        callID: String = "call-1@test",
        cseq: Int = 1,
        branch: String = "z9hG4bK-1",
        sentBy: String = "192.0.2.10:5060",
        fromTag: String = "caller-tag",
        toTag: String? = "callee-tag",
        extra: [String] = [],
        body: String = ""
    ) -> String {
        message(
            ["SIP/2.0 \(status) \(phrase)", "Via: SIP/2.0/UDP \(sentBy);branch=\(branch)"],
            callID: callID,
            cseq: "\(cseq) \(method)",
            fromTag: fromTag,
            toTag: toTag,
            extra: extra,
            body: body
        )
    }

    /// The start line and Via (`head`), then the dialog headers, `extra` and the body.
    private static func message(
        _ head: [String],
        callID: String,
        cseq: String,
        fromTag: String,
        toTag: String?,
        extra: [String],
        body: String
    ) -> String {
        var lines =
            head + [
                "From: \"Alice\" <sip:alice@example.com>;tag=\(fromTag)",
                "To: <sip:bob@example.com>" + (toTag.map { ";tag=\($0)" } ?? ""),
                "Call-ID: \(callID)",
                "CSeq: \(cseq)",
            ]
        lines += extra
        if !body.isEmpty { lines.append("Content-Type: application/sdp") }
        lines.append("Content-Length: \(body.replacingOccurrences(of: "\n", with: "\r\n").utf8.count)")
        return lines.joined(separator: "\n") + "\n\n" + body
    }
}
