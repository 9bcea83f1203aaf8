import SIPCapture

/// Aligned columns for people. Column widths come from the first lines, which are held back
/// until ``batchSize`` are known, so that even a huge capture streams after that.
final class TextMessagePrinter: MessagePrinter {
    static let batchSize = 1000

    private let output: OutputSink
    private var pending: [CaptureItem] = []
    private var widths: Widths?
    private var origin: CaptureTime?
    private var index = 0

    private struct Widths {
        var time = 11
        var source = 6
        var destination = 11
        var records = 7
    }

    init(output: OutputSink) {
        self.output = output
    }

    func print(_ item: CaptureItem) {
        if widths != nil {
            write(item)
            return
        }
        pending.append(item)
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
        let first = pending.lazy.compactMap(Self.time).first
        for item in pending {
            if let first, let time = Self.time(item) { widths.time = max(widths.time, time.offset(from: first).count) }
            guard case .message(let message) = item else { continue }
            widths.source = max(widths.source, message.source.description.count)
            widths.destination = max(widths.destination, message.destination.description.count)
            widths.records = max(widths.records, Self.records(message.recordNumbers).count)
        }
        self.widths = widths
        if let first {
            origin = first
            output.writeLine("Times are seconds since the first item, at \(first.rfc3339(fractionDigits: 6)).")
        }
        output.writeLine(
            Self.pad("No.", 6, left: true) + "  " + Self.pad("Time", widths.time) + "  "
                + Self.pad("Source", widths.source)
                + "    " + Self.pad("Destination", widths.destination) + "  Proto  "
                + Self.pad("Records", widths.records) + "  Message"
        )
        for item in pending { write(item) }
        pending.removeAll()
    }

    private func write(_ item: CaptureItem) {
        guard let widths else { return }
        if origin == nil { origin = Self.time(item) }
        let origin = origin ?? CaptureTime(nanoseconds: 0)
        switch item {
        case .message(let message):
            index += 1
            var line =
                Self.pad(String(index), 6, left: true) + "  " + Self.pad(message.time.offset(from: origin), widths.time)
                + "  "
                + Self.pad(message.source.description, widths.source) + " -> "
                + Self.pad(message.destination.description, widths.destination) + "  "
                + Self.pad(message.transport.rawValue, 5) + "  "
                + Self.pad(Self.records(message.recordNumbers), widths.records) + "  " + message.startLine
            if !message.notes.isEmpty {
                line += "  [" + message.notes.map(\.description).joined(separator: "; ") + "]"
            }
            output.writeLine(line)
        case .event(let event):
            output.writeLine(
                Self.pad("!", 6, left: true) + "  " + Self.pad(Self.time(item)?.offset(from: origin) ?? "", widths.time)
                    + "  "
                    + Self.describe(event)
            )
        }
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

    static func time(_ item: CaptureItem) -> CaptureTime? {
        switch item {
        case .message(let message): message.time
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
