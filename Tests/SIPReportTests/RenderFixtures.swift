import Foundation
import SIPAnalysis
import SIPCapture
import SIPReport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Calls for the renderer tests: a small hand-made call with known times, a hostile one (markup,
/// diagram syntax and control characters in every text, forking, a retransmission, a message to
/// itself) and the real sample capture.
enum RenderFixtures {
    // 192.0.2.10, 198.51.100.1, 203.0.113.20 and 203.0.113.21 (RFC 5737 documentation ranges).
    static let caller = Endpoint(address: .v4(0xC000_020A), port: 5060)
    static let proxy = Endpoint(address: .v4(0xC633_6401), port: 5060)
    static let callee = Endpoint(address: .v4(0xCB00_7114), port: 5080)
    static let callee2 = Endpoint(address: .v4(0xCB00_7115), port: 5080)

    struct Flow {
        var items: [CaptureItem] = []

        mutating func send(_ source: Endpoint, _ destination: Endpoint, at milliseconds: Int64, _ text: String) {
            items.append(
                .message(
                    CapturedMessage(
                        time: CaptureTime(nanoseconds: 1_700_000_000_000_000_000 + milliseconds * 1_000_000),
                        source: source,
                        destination: destination,
                        transport: .udp,
                        recordNumbers: [items.count + 1],
                        payload: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
                    )
                )
            )
        }

        func calls() -> [SIPCall] {
            var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: .full))
            for item in items { analyzer.add(item) }
            return analyzer.finish().calls
        }
    }

    static let sdp = "v=0\no=a 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 4000 RTP/AVP 0\n"

    static func request(
        _ method: String,
        callID: String,
        cseq: Int = 1,
        branch: String,
        toTag: String? = nil,
        body: String = ""
    ) -> String {
        var lines = [
            "\(method) sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=\(branch)",
            "From: \"Alice\" <sip:alice@example.com>;tag=a1",
            "To: <sip:bob@example.com>" + (toTag.map { ";tag=\($0)" } ?? ""),
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
        ]
        if !body.isEmpty { lines.append("Content-Type: application/sdp") }
        lines.append("Content-Length: \(body.replacingOccurrences(of: "\n", with: "\r\n").utf8.count)")
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    static func response(
        _ status: Int,
        _ phrase: String,
        callID: String,
        method: String = "INVITE",
        cseq: Int = 1,
        branch: String,
        toTag: String? = "b1",
        body: String = ""
    ) -> String {
        var lines = [
            "SIP/2.0 \(status) \(phrase)",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=\(branch)",
            "From: \"Alice\" <sip:alice@example.com>;tag=a1",
            "To: <sip:bob@example.com>" + (toTag.map { ";tag=\($0)" } ?? ""),
            "Call-ID: \(callID)",
            "CSeq: \(cseq) \(method)",
        ]
        if !body.isEmpty { lines.append("Content-Type: application/sdp") }
        lines.append("Content-Length: \(body.replacingOccurrences(of: "\n", with: "\r\n").utf8.count)")
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    /// INVITE with SDP, 100, 180, 200 with SDP, ACK: caller to callee directly, times in ms.
    static func simpleCall() -> [SIPCall] {
        var flow = Flow()
        let id = "simple@test"
        flow.send(caller, callee, at: 0, request("INVITE", callID: id, branch: "z9hG4bK-1", body: sdp))
        flow.send(callee, caller, at: 12, response(100, "Trying", callID: id, branch: "z9hG4bK-1", toTag: nil))
        flow.send(callee, caller, at: 250, response(180, "Ringing", callID: id, branch: "z9hG4bK-1"))
        flow.send(callee, caller, at: 3250, response(200, "OK", callID: id, branch: "z9hG4bK-1", body: sdp))
        flow.send(caller, callee, at: 3260, request("ACK", callID: id, branch: "z9hG4bK-2", toTag: "b1"))
        return flow.calls()
    }

    static let hostileCallID = "x<b>&\"'-->@enduml#35;%%;end"
    static let hostilePhrase =
        "Session Progress <script>alert(\"x\")</script> & --> @enduml ; #quot; %%{init}%% [[http://e]] **b** \\n"
        + "\u{202E}desrever\u{202C} \u{1B}[31m and a very long tail that cannot fit in any lane gap at all"

    /// Through a forking proxy to two callees, with a retransmitted INVITE, a message the proxy
    /// sends to itself and markup or diagram syntax in every text field.
    static func hostileCall() -> [SIPCall] {
        var flow = Flow()
        let id = hostileCallID
        flow.send(caller, proxy, at: 0, request("INVITE", callID: id, branch: "z9hG4bK-c1", body: sdp))
        flow.send(proxy, caller, at: 20, response(100, "Trying", callID: id, branch: "z9hG4bK-c1", toTag: nil))
        flow.send(proxy, callee, at: 30, request("INVITE", callID: id, branch: "z9hG4bK-p1", body: sdp))
        flow.send(proxy, callee2, at: 31, request("INVITE", callID: id, branch: "z9hG4bK-p2", body: sdp))
        flow.send(callee, proxy, at: 120, response(180, "Ringing", callID: id, branch: "z9hG4bK-p1", toTag: "t1"))
        flow.send(
            callee2,
            proxy,
            at: 130,
            response(183, hostilePhrase, callID: id, branch: "z9hG4bK-p2", toTag: "t2")
        )
        flow.send(proxy, caller, at: 140, response(180, "Ringing", callID: id, branch: "z9hG4bK-c1", toTag: "t1"))
        flow.send(caller, proxy, at: 530, request("INVITE", callID: id, branch: "z9hG4bK-c1", body: sdp))
        flow.send(
            callee,
            proxy,
            at: 900,
            response(200, "OK", callID: id, branch: "z9hG4bK-p1", toTag: "t1", body: sdp)
        )
        flow.send(
            proxy,
            caller,
            at: 910,
            response(200, "OK", callID: id, branch: "z9hG4bK-c1", toTag: "t1", body: sdp)
        )
        flow.send(proxy, callee2, at: 920, request("CANCEL", callID: id, branch: "z9hG4bK-p2"))
        flow.send(
            callee2,
            proxy,
            at: 930,
            response(487, "Request Terminated", callID: id, branch: "z9hG4bK-p2", toTag: "t2")
        )
        flow.send(caller, proxy, at: 950, request("ACK", callID: id, branch: "z9hG4bK-c2", toTag: "t1"))
        flow.send(proxy, proxy, at: 1000, request("INFO", callID: id, cseq: 2, branch: "z9hG4bK-s1", toTag: "t1"))
        flow.send(caller, proxy, at: 6000, request("BYE", callID: id, cseq: 3, branch: "z9hG4bK-c3", toTag: "t1"))
        flow.send(
            proxy,
            caller,
            at: 6010,
            response(200, "OK", callID: id, method: "BYE", cseq: 3, branch: "z9hG4bK-c3", toTag: "t1")
        )
        return flow.calls()
    }

    /// Lane aliases with markup in them.
    static let hostileOptions = LadderOptions(
        aliases: HostAliases([
            HostAlias(network: .v4(0xC000_020A), prefixLength: 32, port: nil, name: "Alice <phone> & \"desk\""),
            HostAlias(network: .v4(0xC633_6401), prefixLength: 32, port: nil, name: "Proxy"),
        ])
    )

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The calls of samples/call-udp.pcap, with every message's bytes.
    static func sampleCalls() throws -> [SIPCall] {
        let reader = try CaptureReader(path: packageRoot.appendingPathComponent("samples/call-udp.pcap").path)
        var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: .full))
        while let item = try reader.next() { analyzer.add(item) }
        return analyzer.finish().calls
    }
}

/// A parsed XML element, enough to check the SVG and HTML output.
final class ParsedXML {
    enum Part {
        case text(String)
        case element(ParsedXML)
    }

    let name: String
    let attributes: [String: String]
    /// Text and child elements in document order.
    var parts: [Part] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    var children: [ParsedXML] {
        parts.compactMap { if case .element(let child) = $0 { child } else { nil } }
    }

    /// The text directly inside this element.
    var text: String {
        parts.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }

    /// The text of this element and its descendants, in document order.
    var allText: String {
        parts.map {
            switch $0 {
            case .text(let text): text
            case .element(let child): child.allText
            }
        }.joined()
    }

    /// Every element below (and including) this one, depth first.
    var all: [ParsedXML] { [self] + children.flatMap(\.all) }

    func elements(_ name: String) -> [ParsedXML] { all.filter { $0.name == name } }

    func element(id: String) -> ParsedXML? { all.first { $0.attributes["id"] == id } }

    /// Parses `text` as XML, or `nil` when it is not well-formed.
    static func parse(_ text: String) -> ParsedXML? {
        let delegate = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(
            _ parser: XMLParser,
            didStartElement name: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String]
        ) {
            let node = ParsedXML(name: name, attributes: attributes)
            if let parent = stack.last { parent.parts.append(.element(node)) } else { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement name: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.parts.append(.text(string))
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.parts.append(.text(String(decoding: block, as: UTF8.self)))
        }
    }
}
