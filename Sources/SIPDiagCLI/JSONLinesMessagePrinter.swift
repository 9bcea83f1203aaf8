import SIPCapture

/// One JSON object per line (JSON Lines), keys in a fixed order, for programs.
///
/// Every line has `"type"`: `"message"` for SIP messages, `"icmp-unreachable"`,
/// `"stream-gap"` or `"incomplete-datagram"` for events, and `"encrypted-flow"` at the end
/// for each TLS or WSS flow whose SIP could not be read. Written byte by byte into the
/// output buffer because captures hold millions of messages.
final class JSONLinesMessagePrinter: MessagePrinter {
    private let output: OutputSink
    private var index: Int64 = 0
    private var formatter = RFC3339Formatter()

    init(output: OutputSink) {
        self.output = output
    }

    func print(_ item: CaptureItem) {
        switch item {
        case .message(let message):
            index += 1
            output.append("{\"type\":\"message\",\"index\":")
            output.appendDecimal(index)
            appendTime(message.time)
            output.append(",\"src\":")
            output.appendJSONEndpoint(message.source)
            output.append(",\"dst\":")
            output.appendJSONEndpoint(message.destination)
            output.append(",\"transport\":\"")
            output.append(contentsOf: message.transport.rawValue.utf8)
            output.append("\",\"records\":[")
            for (position, record) in message.recordNumbers.enumerated() {
                if position > 0 { output.append(0x2C) }
                output.appendDecimal(Int64(record))
            }
            output.append("],\"length\":")
            output.appendDecimal(Int64(message.payload.count))
            output.append(",\"startLine\":")
            let end = message.payload.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }) ?? message.payload.endIndex
            output.appendJSONString(utf8: message.payload[..<end])
            output.append(",\"notes\":[")
            for (position, note) in message.notes.enumerated() {
                if position > 0 { output.append(0x2C) }
                output.appendJSONString(note.description)
            }
            output.append("]}")
        case .event(.icmpUnreachable(let error)):
            output.append("{\"type\":\"icmp-unreachable\"")
            appendTime(error.time)
            appendRecord(error.recordNumber)
            output.append(",\"reporter\":")
            output.appendJSONString(error.reporter.description)
            output.append(",\"src\":")
            output.appendJSONEndpoint(error.quotedSource)
            output.append(",\"dst\":")
            output.appendJSONEndpoint(error.quotedDestination)
            output.append(",\"protocol\":")
            output.appendDecimal(Int64(error.quotedProtocol))
            output.append(",\"reason\":")
            output.appendJSONString(error.reason)
            output.append(0x7D)
        case .event(.streamGap(let gap)):
            output.append("{\"type\":\"stream-gap\"")
            appendTime(gap.time)
            appendRecord(gap.recordNumber)
            output.append(",\"src\":")
            output.appendJSONEndpoint(gap.source)
            output.append(",\"dst\":")
            output.appendJSONEndpoint(gap.destination)
            output.append(",\"missingBytes\":")
            output.appendDecimal(Int64(gap.missingBytes))
            output.append(0x7D)
        case .event(.incompleteDatagram(let datagram)):
            output.append("{\"type\":\"incomplete-datagram\"")
            appendRecord(datagram.firstRecordNumber)
            output.append(",\"src\":")
            output.appendJSONString(datagram.source.description)
            output.append(",\"dst\":")
            output.appendJSONString(datagram.destination.description)
            output.append(",\"identification\":")
            output.appendDecimal(Int64(datagram.identification))
            output.append(",\"fragments\":")
            output.appendDecimal(Int64(datagram.fragmentsSeen))
            output.append(",\"reason\":")
            output.appendJSONString(datagram.reason)
            output.append(0x7D)
        }
        output.endLine()
    }

    /// Encrypted flows are known only at the end, when their records have been counted.
    func finish(reader: CaptureReader) {
        for flow in reader.encryptedFlows {
            output.append("{\"type\":\"encrypted-flow\",\"transport\":\"")
            output.append(contentsOf: flow.transport.rawValue.utf8)
            output.append("\",\"client\":")
            output.appendJSONEndpoint(flow.client)
            output.append(",\"server\":")
            output.appendJSONEndpoint(flow.server)
            output.append(",\"records\":")
            output.appendDecimal(Int64(flow.records))
            output.append(",\"firstRecord\":")
            output.appendDecimal(Int64(flow.firstRecordNumber))
            output.append(",\"summary\":")
            output.appendJSONString(flow.description)
            output.append(0x7D)
            output.endLine()
        }
    }

    private func appendTime(_ time: CaptureTime) {
        output.append(",\"time\":\"")
        formatter.append(time, to: output)
        output.append("\",\"timeNs\":")
        output.appendDecimal(time.nanoseconds)
    }

    private func appendRecord(_ record: Int) {
        output.append(",\"record\":")
        output.appendDecimal(Int64(record))
    }
}
