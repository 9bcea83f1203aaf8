import SIPCapture
import SIPMessage

/// Aligned columns for people. Column widths come from the first lines, which are held back
/// until ``batchSize`` are known, so that even a huge capture streams after that.
final class TextMessagePrinter: MessagePrinter {
    static let batchSize = 1000

    private enum Line {
        case message(MessageSummary)
        case event(CaptureEvent)
    }

    private let output: OutputSink
    private let fractionDigits: Int
    private var pending: [Line] = []
    private var widths: Widths?
    private var origin: CaptureTime?
    private var index = 0

    private struct Widths {
        var time = 4
        var source = 6
        var destination = 11
        var frames = 6
        var label = 7
        var callID = 7
    }

    init(output: OutputSink, nanosecond: Bool) {
        self.output = output
        self.fractionDigits = nanosecond ? 9 : 6
    }

    func print(_ message: MessageSummary) { add(.message(message)) }
    func print(_ event: CaptureEvent) { add(.event(event)) }

    private func add(_ line: Line) {
        if widths != nil {
            write(line)
            return
        }
        pending.append(line)
        if pending.count >= Self.batchSize { release() }
    }

    func finish(reader: CaptureReader) {
        release()
        let statistics = reader.statistics
        output.writeLine()
        for flow in reader.encryptedFlows {
            output.writeLine(flow.description)
        }
        output.writeLine(
            "\(statistics.sipMessages) SIP message\(statistics.sipMessages == 1 ? "" : "s") in "
                + "\(statistics.records) record\(statistics.records == 1 ? "" : "s") (\(reader.format))"
        )
    }

    private func release() {
        guard widths == nil else { return }
        var widths = Widths()
        origin = pending.lazy.compactMap(Self.time).first
        for case .message(let message) in pending {
            widths.time = max(widths.time, timeText(message).count)
            widths.source = max(widths.source, sourceText(message).count)
            widths.destination = max(widths.destination, destinationText(message).count)
            widths.frames = max(widths.frames, Self.records(message.captured.recordNumbers).count)
            widths.label = max(widths.label, min(message.label.count, 40))
            widths.callID = max(widths.callID, min((message.callID ?? "-").count, 60))
        }
        self.widths = widths
        if let origin {
            output.writeLine(
                "Times are seconds since the first item, at \(origin.rfc3339(fractionDigits: fractionDigits))."
            )
        }
        output.writeLine(
            Self.pad("No.", 6, left: true) + "  " + Self.pad("Time", widths.time) + "  "
                + Self.pad("Source", widths.source) + "    " + Self.pad("Destination", widths.destination)
                + "  Proto  " + Self.pad("Frames", widths.frames) + "  " + Self.pad("Message", widths.label) + "  "
                + Self.pad("Call-ID", widths.callID) + "  CSeq"
        )
        for line in pending { write(line) }
        pending.removeAll()
    }

    private func write(_ line: Line) {
        guard let widths else { return }
        switch line {
        case .message(let message):
            index += 1
            var text =
                Self.pad(String(index), 6, left: true) + "  " + Self.pad(timeText(message), widths.time) + "  "
                + Self.pad(sourceText(message), widths.source) + " -> "
                + Self.pad(destinationText(message), widths.destination) + "  "
                + Self.pad(message.hasNetworkDetails ? message.captured.transport.rawValue : "-", 5) + "  "
                + Self.pad(Self.records(message.captured.recordNumbers), widths.frames) + "  "
                + Self.pad(message.label, widths.label) + "  " + Self.pad(message.callID ?? "-", widths.callID) + "  "
                + (message.cseq ?? "-")
            let notes = message.captured.notes.filter { $0 != .readFromText }
            if !notes.isEmpty {
                text += "  [" + notes.map(\.description).joined(separator: "; ") + "]"
            }
            output.writeLine(text)
            if let error = message.parseError, message.violations.isEmpty {
                output.writeLine(String(repeating: " ", count: 8) + "not parsed as SIP: \(error)")
            }
            for violation in message.violations {
                output.writeLine(String(repeating: " ", count: 8) + "! " + violation.description)
            }
        case .event(let event):
            let time = Self.time(line).map { offset($0) } ?? ""
            output.writeLine(
                Self.pad("!", 6, left: true) + "  " + Self.pad(time, widths.time) + "  " + Self.describe(event)
            )
        }
    }

    private func timeText(_ message: MessageSummary) -> String {
        message.hasNetworkDetails ? offset(message.captured.time) : "-"
    }

    private func sourceText(_ message: MessageSummary) -> String {
        message.hasNetworkDetails ? message.captured.source.description : "-"
    }

    private func destinationText(_ message: MessageSummary) -> String {
        message.hasNetworkDetails ? message.captured.destination.description : "-"
    }

    private func offset(_ time: CaptureTime) -> String {
        time.offset(from: origin ?? time)
    }

    static func describe(_ event: CaptureEvent) -> String {
        switch event {
        case .icmpUnreachable(let error):
            let family = error.isIPv6 ? "ICMPv6" : "ICMP"
            return "\(family) \(error.reason) from \(error.reporter) for \(error.quotedSource) -> "
                + "\(error.quotedDestination) (record \(error.recordNumber))"
        case .streamGap(let gap):
            return "\(gap.missingBytes) bytes missing from the stream \(gap.source) -> \(gap.destination) "
                + "(record \(gap.recordNumber))"
        case .incompleteDatagram(let datagram):
            return
                "incomplete IP datagram \(datagram.source) -> \(datagram.destination) id \(datagram.identification): "
                + "\(datagram.fragmentsSeen) fragment(s), \(datagram.reason) (first record \(datagram.firstRecordNumber))"
        }
    }

    private static func time(_ line: Line) -> CaptureTime? {
        switch line {
        case .message(let message): message.hasNetworkDetails ? message.captured.time : nil
        case .event(.icmpUnreachable(let error)): error.time
        case .event(.streamGap(let gap)): gap.time
        case .event(.incompleteDatagram): nil
        }
    }

    /// "7"; "7-9" for consecutive records; "7,12" for a few others; "4..18(8)" for many
    /// (first, last and count: the full list is in the jsonl output).
    static func records(_ numbers: [Int]) -> String {
        guard let first = numbers.first, let last = numbers.last else { return "" }
        if numbers.count == 1 { return String(first) }
        if last - first == numbers.count - 1 { return "\(first)-\(last)" }
        if numbers.count <= 3 { return numbers.map(String.init).joined(separator: ",") }
        return "\(first)..\(last)(\(numbers.count))"
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }
}
