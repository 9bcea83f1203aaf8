import Foundation
import Testing

@testable import SIPCapture

/// Every capture fixture decoded by sipdiag gives, message for message, what tshark 4.0 gave
/// (frame, time, endpoints, transport, method or status, Call-ID, CSeq). The expected rows
/// are committed beside each capture by `scripts/fixtures/tshark-expected.py`, so the test
/// needs no tshark. Where sipdiag differs on purpose, ``differences`` says why.
@Suite struct TsharkAgreementTests {
    /// One SIP message as both tools describe it.
    struct Row: Hashable, CustomStringConvertible {
        var frame: String
        var timeNanoseconds: String
        var source: String
        var sourcePort: String
        var destination: String
        var destinationPort: String
        var transport: String
        var start: String
        var callID: String
        var cseq: String

        var description: String {
            [frame, timeNanoseconds, source, sourcePort, destination, destinationPort, transport, start, callID, cseq]
                .joined(separator: "\t")
        }
    }

    /// Where sipdiag and tshark disagree by design.
    enum Difference {
        /// The SIP is inside TLS: tshark decrypted it with the key log, sipdiag reports the flow as encrypted.
        case encrypted
        /// HEP carries the original capture time; sipdiag uses it, tshark's frame time is when the HEP packet was sent.
        case hepTime
    }

    static let differences: [String: Difference] = [
        "real/tls-sip.pcap": .encrypted,
        "real/hep-udp.pcap": .hepTime,
        "real/hep-tcp.pcap": .hepTime,
    ]

    static func expectedRows(_ capture: String) throws -> [Row] {
        let text = try String(contentsOfFile: FixtureLoader.path(capture + ".tshark.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let field = { (index: Int) in index < fields.count ? fields[index] : "" }
            return Row(
                frame: field(0),
                timeNanoseconds: field(1),
                source: field(2),
                sourcePort: field(3),
                destination: field(4),
                destinationPort: field(5),
                transport: field(6),
                start: field(7),
                callID: field(8),
                cseq: field(9)
            )
        }
    }

    /// tshark's row with header values it could not render as text (fuzzed bytes that are not
    /// UTF-8) replaced by ours: how two tools print invalid bytes is not what this test checks.
    static func comparable(_ theirs: Row, _ ours: Row) -> Row {
        var row = theirs
        if theirs.callID.contains("\u{FFFD}") { row.callID = ours.callID }
        if theirs.cseq.contains("\u{FFFD}") { row.cseq = ours.cseq }
        return row
    }

    static func row(_ message: CapturedMessage) -> Row {
        let headers = SIPHeaderScan(message.payload)
        let startLine = message.startLine
        let words = startLine.split(separator: " ", maxSplits: 2)
        let start = startLine.hasPrefix("SIP/2.0 ") ? String(words.dropFirst().first ?? "") : String(words.first ?? "")
        return Row(
            frame: String(message.recordNumbers.max() ?? 0),
            timeNanoseconds: String(message.time.nanoseconds),
            source: message.source.address.description,
            sourcePort: String(message.source.port),
            destination: message.destination.address.description,
            destinationPort: String(message.destination.port),
            transport: message.transport.rawValue,
            start: start,
            callID: headers.value(of: ["call-id", "i"]) ?? "",
            cseq: headers.value(of: ["cseq"]) ?? ""
        )
    }

    @Test(arguments: FixtureLoader.capturesWithTsharkExpectations())
    func agreesWithTshark(_ capture: String) throws {
        let expected = try Self.expectedRows(capture)
        let reader = try CaptureReader(path: FixtureLoader.path(capture))
        var messages: [CapturedMessage] = []
        while let item = try reader.next() {
            if case .message(let message) = item { messages.append(message) }
        }
        var actual = messages.map(Self.row)
        var wanted = expected
        switch Self.differences[capture] {
        case .encrypted:
            #expect(actual.isEmpty, "sipdiag cannot decrypt TLS")
            return
        case .hepTime:
            actual = actual.map { row in
                var row = row
                row.timeNanoseconds = ""
                return row
            }
            wanted = wanted.map { row in
                var row = row
                row.timeNanoseconds = ""
                return row
            }
        case nil:
            break
        }
        #expect(actual.count == wanted.count, "\(capture): \(actual.count) messages, tshark \(wanted.count)")
        for (index, (ours, theirs)) in zip(actual, wanted).enumerated() where ours != Self.comparable(theirs, ours) {
            Issue.record("\(capture) message \(index + 1):\n  sipdiag \(ours)\n  tshark  \(theirs)")
            break
        }
    }
}

/// Just enough header reading to compare Call-ID and CSeq with tshark: the SIP parser lives in
/// its own module, and this test must not depend on it.
struct SIPHeaderScan {
    private var headers: [(name: String, value: String)] = []

    init(_ payload: [UInt8]) {
        let text = String(decoding: payload, as: UTF8.self)
        // "\r\n" is one Character in Swift, so split on newlines rather than on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).dropFirst() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            // tshark shows a header value up to a NUL byte (C strings); compare like with like.
            let raw = line[line.index(after: colon)...].prefix { $0 != "\u{0}" }
            headers.append((name, raw.trimmingCharacters(in: .whitespaces)))
        }
    }

    func value(of names: [String]) -> String? {
        headers.first { names.contains($0.name) }?.value
    }
}
