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
    /// What a JSON export held beside its messages (rows, skipped rows, lane names).
    private var jsonExport: HomerJSONReader.Result?
    /// Record numbers of frames written by a Homer pcap export, until their message comes out.
    private var homerExportFrames: Set<Int> = []
    private var homerExportWarning: CaptureWarning?

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
        let sniffed = try CaptureFormat.sniff(head ?? UnsafeRawBufferPointer(start: nil, count: 0))
        switch sniffed {
        case .pcap: container = .pcap(try PcapReader(input: input, limits: limits))
        case .pcapng: container = .pcapng(try PcapngReader(input: input, limits: limits))
        case .sipText: container = .text(try SIPTextReader.messages(input, limits: limits))
        case .homerText: container = .text(try HomerTextReader.messages(input, limits: limits))
        case .homerJSON, .homerTransaction:
            let export = try HomerJSONReader.read(SIPTextReader.readAll(input, limits: limits, kind: "JSON text"))
            jsonExport = export
            container = .text(export.messages)
        }
        format = jsonExport?.format ?? sniffed
    }

    /// Lane names the capture itself gives, by endpoint: a Homer call flow's `alias` map
    /// (`{"10.0.0.1:5060": "proxy"}`). Empty for other formats.
    public var aliases: [Endpoint: String] { jsonExport?.aliases ?? [:] }

    /// The next message or event, or `nil` when the capture is exhausted.
    public func next() throws(CaptureError) -> CaptureItem? {
        if case .text(let messages) = container {
            guard textMessages < messages.count else { return nil }
            textMessages += 1
            return .message(messages[textMessages - 1])
        }
        while true {
            if let item = decoder.nextItem() { return markHomerExport(item) }
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
        case .text: containerWarnings = jsonExport?.warnings ?? []
        }
        return containerWarnings + (homerExportWarning.map { [$0] } ?? []) + decoder.warnings
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
            statistics.records = jsonExport?.rows ?? textMessages
            statistics.sipMessages = textMessages
            statistics.nonSIPRows = jsonExport?.nonSIPRows ?? 0
        case .pcap, .pcapng:
            break
        }
        return statistics
    }

    private func nextFrame() throws(CaptureError) -> LinkFrame? {
        let frame: LinkFrame?
        switch container {
        case .pcap(let reader): frame = try reader.nextFrame()
        case .pcapng(let reader): frame = try reader.nextFrame()
        case .text: frame = nil
        }
        if let frame, Self.isHomerExportFrame(frame) {
            // Frames whose message never comes out (RTCP reports, logs) must not pile up.
            if homerExportFrames.count >= 4096 { homerExportFrames.removeAll() }
            homerExportFrames.insert(frame.recordNumber)
            if homerExportWarning == nil {
                homerExportWarning = CaptureWarning(
                    .homerPcapExport,
                    "this pcap is a Homer export (MACs 02:5d:69:74:20:12 -> 06:3d:20:12:10:20): it writes every "
                        + "message as UDP, so the transport shown may not be the real one (TCP, TLS or SCTP)",
                    byteOffset: frame.byteOffset,
                    recordNumber: frame.recordNumber
                )
            }
        }
        return frame
    }

    /// The source and destination MACs a Homer pcap export writes on every frame.
    private static let homerExportMACs: [UInt8] = [
        0x06, 0x3D, 0x20, 0x12, 0x10, 0x20, 0x02, 0x5D, 0x69, 0x74, 0x20, 0x12,
    ]

    private static func isHomerExportFrame(_ frame: LinkFrame) -> Bool {
        frame.linkType == .ethernet && frame.bytes.hasPrefix(bytes: homerExportMACs)
    }

    /// Adds ``CaptureNote/homerPcapExport`` to a message whose frames all came from a Homer export.
    private func markHomerExport(_ item: CaptureItem) -> CaptureItem {
        guard !homerExportFrames.isEmpty, case .message(var message) = item, !message.recordNumbers.isEmpty,
            message.recordNumbers.allSatisfy({ homerExportFrames.contains($0) })
        else { return item }
        for number in message.recordNumbers { homerExportFrames.remove(number) }
        message.notes.append(.homerPcapExport)
        return .message(message)
    }

    private func finishDecoding() {
        guard !finished else { return }
        finished = true
        decoder.finish()
    }
}
