/// Decodes a capture, one pass, streaming: SIP messages and events come out in capture order
/// while memory stays bounded by ``CaptureLimits``, whatever the size of the file.
///
/// ```swift
/// let reader = try CaptureReader(path: "call.pcap")
/// while let item = try reader.next() {
///     if case .message(let message) = item { print(message.startLine) }
/// }
/// print(reader.warnings)
/// ```
///
/// Malformed input never traps: problems that stop decoding throw ``CaptureError`` (with the
/// byte offset and record number), everything before them having been delivered; problems
/// decoding can step over become ``warnings``.
public final class CaptureReader {
    public let format: CaptureFormat
    private let container: Container
    private let decoder: PacketDecoder
    private let input: ByteInput
    private var finished = false
    private var textMessages = 0

    private enum Container {
        case pcap(PcapReader)
        case pcapng(PcapngReader)
        /// Messages read from text (SIP text or an export), all at once: text formats are
        /// split on lines that need the whole text at hand.
        case text([CapturedMessage])
    }

    /// Opens a capture file and reads its header.
    public convenience init(path: String, limits: CaptureLimits = .default) throws(CaptureError) {
        try self.init(input: ByteInput(path: path, maximumPeek: limits.maxBlockLength), limits: limits)
    }

    /// Decodes a capture held in memory.
    public convenience init(bytes: [UInt8], limits: CaptureLimits = .default) throws(CaptureError) {
        try self.init(input: ByteInput(bytes: bytes, maximumPeek: limits.maxBlockLength), limits: limits)
    }

    private init(input: ByteInput, limits: CaptureLimits) throws(CaptureError) {
        self.input = input
        self.decoder = PacketDecoder(limits: limits)
        var head = try input.peek(4096)
        if head == nil { head = try input.peek(input.available) }
        format = try CaptureFormat.sniff(head ?? UnsafeRawBufferPointer(start: nil, count: 0))
        switch format {
        case .pcap: container = .pcap(try PcapReader(input: input, limits: limits))
        case .pcapng: container = .pcapng(try PcapngReader(input: input, limits: limits))
        case .sipText: container = .text(try SIPTextReader.messages(input, limits: limits))
        case .homerText: container = .text(try HomerTextReader.messages(input, limits: limits))
        }
    }

    /// The next message or event, or `nil` when the capture is exhausted.
    public func next() throws(CaptureError) -> CaptureItem? {
        if case .text(let messages) = container {
            guard textMessages < messages.count else { return nil }
            textMessages += 1
            return .message(messages[textMessages - 1])
        }
        while true {
            if let item = decoder.nextItem() { return item }
            if finished { return nil }
            do {
                if let frame = try nextFrame() {
                    decoder.decode(frame)
                } else {
                    finishDecoding()
                }
            } catch {
                finishDecoding()
                throw error
            }
        }
    }

    /// Warnings so far: from the container (truncation, skipped blocks) and from decoding.
    public var warnings: [CaptureWarning] {
        let containerWarnings: [CaptureWarning]
        switch container {
        case .pcap(let reader): containerWarnings = reader.warnings
        case .pcapng(let reader): containerWarnings = reader.warnings
        case .text: containerWarnings = []
        }
        return containerWarnings + decoder.warnings
    }

    /// Whether the capture stores time more finely than microseconds (nanosecond pcap, or a
    /// pcapng interface with a finer `if_tsresol`), so that output can show every digit it has.
    public var hasNanosecondTimestamps: Bool {
        switch container {
        case .pcap(let reader): reader.nanosecond
        case .pcapng(let reader): reader.hasNanosecondTimestamps
        case .text: false
        }
    }

    /// TLS and WSS flows seen, with their record counts: SIP inside them cannot be decoded,
    /// and saying so is better than showing nothing.
    public var encryptedFlows: [EncryptedFlow] { decoder.encryptedFlows }

    /// Counts so far.
    public var statistics: CaptureStatistics {
        var statistics = decoder.statistics
        statistics.bytesRead = input.offset
        switch container {
        case .text:
            statistics.records = textMessages
            statistics.sipMessages = textMessages
        case .pcap, .pcapng:
            break
        }
        return statistics
    }

    private func nextFrame() throws(CaptureError) -> LinkFrame? {
        switch container {
        case .pcap(let reader): try reader.nextFrame()
        case .pcapng(let reader): try reader.nextFrame()
        case .text: nil
        }
    }

    private func finishDecoding() {
        guard !finished else { return }
        finished = true
        decoder.finish()
    }
}
