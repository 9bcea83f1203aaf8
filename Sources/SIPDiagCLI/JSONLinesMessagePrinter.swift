import SIPCapture

/// One JSON object per line (JSON Lines), keys in a fixed order, for programs.
///
/// Every line has `"type"`: `"message"` for SIP messages, `"icmp-unreachable"`,
/// `"stream-gap"` or `"incomplete-datagram"` for events.
final class JSONLinesMessagePrinter: MessagePrinter {
    private let output: OutputSink
    private var index = 0

    init(output: OutputSink) {
        self.output = output
    }

    func print(_ item: CaptureItem) {
        switch item {
        case .message(let message):
            index += 1
            output.writeLine(
                JSONText.object([
                    "type": JSONText.string("message"),
                    "index": String(index),
                    "time": JSONText.string(message.time.rfc3339(fractionDigits: 9)),
                    "timeNs": String(message.time.nanoseconds),
                    "src": Self.endpoint(message.source),
                    "dst": Self.endpoint(message.destination),
                    "transport": JSONText.string(message.transport.rawValue),
                    "records": JSONText.array(message.recordNumbers.map(String.init)),
                    "length": String(message.payload.count),
                    "startLine": JSONText.string(message.startLine),
                    "notes": JSONText.array(message.notes.map { JSONText.string($0.description) }),
                ])
            )
        case .event(.icmpUnreachable(let error)):
            output.writeLine(
                JSONText.object([
                    "type": JSONText.string("icmp-unreachable"),
                    "time": JSONText.string(error.time.rfc3339(fractionDigits: 9)),
                    "timeNs": String(error.time.nanoseconds),
                    "record": String(error.recordNumber),
                    "reporter": JSONText.string(error.reporter.description),
                    "src": Self.endpoint(error.quotedSource),
                    "dst": Self.endpoint(error.quotedDestination),
                    "protocol": String(error.quotedProtocol),
                    "reason": JSONText.string(error.reason),
                ])
            )
        case .event(.streamGap(let gap)):
            output.writeLine(
                JSONText.object([
                    "type": JSONText.string("stream-gap"),
                    "time": JSONText.string(gap.time.rfc3339(fractionDigits: 9)),
                    "timeNs": String(gap.time.nanoseconds),
                    "record": String(gap.recordNumber),
                    "src": Self.endpoint(gap.source),
                    "dst": Self.endpoint(gap.destination),
                    "missingBytes": String(gap.missingBytes),
                ])
            )
        case .event(.incompleteDatagram(let datagram)):
            output.writeLine(
                JSONText.object([
                    "type": JSONText.string("incomplete-datagram"),
                    "record": String(datagram.firstRecordNumber),
                    "src": JSONText.string(datagram.source.description),
                    "dst": JSONText.string(datagram.destination.description),
                    "identification": String(datagram.identification),
                    "fragments": String(datagram.fragmentsSeen),
                    "reason": JSONText.string(datagram.reason),
                ])
            )
        }
    }

    func finish(reader: CaptureReader) {}

    private static func endpoint(_ endpoint: Endpoint) -> String {
        JSONText.object(["ip": JSONText.string(endpoint.address.description), "port": String(endpoint.port)])
    }
}
