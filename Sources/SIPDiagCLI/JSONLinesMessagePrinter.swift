import SIPCapture
import SIPMessage

/// One JSON object per line (JSON Lines), keys in a fixed order: the machine contract of
/// `sipdiag messages --format jsonl`.
///
/// Messages have `"type":"message"` and `time`, `src`, `dst`, `transport`, `method`,
/// `status`, `reason`, `callId`, `cseq`, `frames` (null where unknown), then `index`,
/// `timeNs`, `length`, `notes` and, with `--validate`, `violations`. Events have `"type"`
/// `icmp-unreachable`, `stream-gap`, `incomplete-datagram`, and `encrypted-flow` at the end.
/// Written byte by byte into the output buffer because captures hold millions of messages.
final class JSONLinesMessagePrinter: MessagePrinter {
    private let output: OutputSink
    private var index: Int64 = 0
    private var formatter: RFC3339Formatter

    init(output: OutputSink, nanosecond: Bool) {
        self.output = output
        self.formatter = RFC3339Formatter(fractionDigits: nanosecond ? 9 : 6)
    }

    func print(_ message: MessageSummary) {
        index += 1
        let captured = message.captured
        let known = message.hasNetworkDetails
        output.append("{\"type\":\"message\",\"time\":")
        if known { appendTime(captured.time) } else { output.append("null") }
        output.append(",\"src\":")
        if known { output.appendJSONEndpoint(captured.source) } else { output.append("null") }
        output.append(",\"dst\":")
        if known { output.appendJSONEndpoint(captured.destination) } else { output.append("null") }
        output.append(",\"transport\":")
        output.appendJSONStringOrNull(known ? captured.transport.rawValue : nil)
        output.append(",\"method\":")
        output.appendJSONStringOrNull(message.method)
        output.append(",\"status\":")
        if let status = message.statusCode { output.appendDecimal(Int64(status)) } else { output.append("null") }
        output.append(",\"reason\":")
        output.appendJSONStringOrNull(message.reasonPhrase)
        output.append(",\"callId\":")
        output.appendJSONStringOrNull(message.callID)
        output.append(",\"cseq\":")
        output.appendJSONStringOrNull(message.cseq)
        output.append(",\"frames\":[")
        for (position, record) in captured.recordNumbers.enumerated() {
            if position > 0 { output.append(0x2C) }
            output.appendDecimal(Int64(record))
        }
        output.append("],\"index\":")
        output.appendDecimal(index)
        output.append(",\"timeNs\":")
        if known { output.appendDecimal(captured.time.nanoseconds) } else { output.append("null") }
        output.append(",\"length\":")
        output.appendDecimal(Int64(captured.payload.count))
        output.append(",\"notes\":[")
        for (position, note) in captured.notes.enumerated() {
            if position > 0 { output.append(0x2C) }
            output.appendJSONString(note.description)
        }
        output.append(0x5D)
        if message.parsed == nil {
            output.append(",\"startLine\":")
            output.appendJSONString(captured.startLine)
            output.append(",\"parseError\":")
            output.appendJSONStringOrNull(message.parseError?.description)
        }
        if !message.violations.isEmpty {
            output.append(",\"violations\":[")
            for (position, violation) in message.violations.enumerated() {
                if position > 0 { output.append(0x2C) }
                output.appendJSONString(violation.description)
            }
            output.append(0x5D)
        }
        output.append(0x7D)
        output.endLine()
    }

    func print(_ event: CaptureEvent) {
        switch event {
        case .icmpUnreachable(let error):
            output.append("{\"type\":\"icmp-unreachable\",\"time\":")
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
        case .streamGap(let gap):
            output.append("{\"type\":\"stream-gap\",\"time\":")
            appendTime(gap.time)
            appendRecord(gap.recordNumber)
            output.append(",\"src\":")
            output.appendJSONEndpoint(gap.source)
            output.append(",\"dst\":")
            output.appendJSONEndpoint(gap.destination)
            output.append(",\"missingBytes\":")
            output.appendDecimal(Int64(gap.missingBytes))
        case .incompleteDatagram(let datagram):
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
        }
        output.append(0x7D)
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
        output.append(0x22)
        formatter.append(time, to: output)
        output.append(0x22)
    }

    private func appendRecord(_ record: Int) {
        output.append(",\"record\":")
        output.appendDecimal(Int64(record))
    }
}
