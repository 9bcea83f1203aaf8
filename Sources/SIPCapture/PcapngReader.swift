/// Reads pcapng files (draft-ietf-opsawg-pcapng): sections in either byte order, several
/// interfaces with their own link types and timestamp resolutions, Enhanced, Simple and
/// obsolete Packet Blocks; every other block is skipped by its length.
final class PcapngReader {
    private enum BlockType {
        static let sectionHeader: UInt32 = 0x0A0D_0D0A
        static let interfaceDescription: UInt32 = 1
        static let obsoletePacket: UInt32 = 2
        static let simplePacket: UInt32 = 3
        static let enhancedPacket: UInt32 = 6
    }

    /// What an Interface Description Block says about the packets captured on it.
    struct Interface {
        var linkType: LinkType
        var snapLength: UInt32
        /// Timestamp units: 10^-n (`isPowerOfTwo` false) or 2^-n seconds (section 4.2, `if_tsresol`).
        var resolutionExponent: UInt8 = 6
        var isPowerOfTwo = false
        /// Seconds added to every timestamp (`if_tsoffset`).
        var offsetSeconds: Int64 = 0
    }

    private let input: ByteInput
    private let limits: CaptureLimits
    private var bigEndian = false
    private var interfaces: [Interface] = []
    private var recordNumber = 0
    private var lastTime = CaptureTime(nanoseconds: 0)
    private var reportedMissingInterface = false
    private(set) var warnings: [CaptureWarning] = []
    /// Whether an interface records time more finely than microseconds (`if_tsresol`).
    private(set) var hasNanosecondTimestamps = false
    /// The link types of all interfaces seen, in order, for the summary.
    private(set) var linkTypes: [LinkType] = []

    init(input: ByteInput, limits: CaptureLimits) throws(CaptureError) {
        self.input = input
        self.limits = limits
        // The first block must be a Section Header Block; read it now so a bad header fails early.
        guard let block = try nextBlock() else {
            throw CaptureError(.invalidFileHeader, "pcapng file ends inside its Section Header Block", byteOffset: 0)
        }
        guard block.type == BlockType.sectionHeader else {
            throw CaptureError(
                .invalidFileHeader,
                "pcapng file does not start with a Section Header Block",
                byteOffset: 0
            )
        }
    }

    private struct Block {
        var type: UInt32
        var body: UnsafeRawBufferPointer
        var offset: Int64
    }

    /// The next packet, `nil` at the end of the file.
    func nextFrame() throws(CaptureError) -> LinkFrame? {
        while let block = try nextBlock() {
            if let frame = frame(from: block) { return frame }
        }
        return nil
    }

    /// Reads one block, handling Section Header Blocks (byte order, interfaces reset) itself.
    private func nextBlock() throws(CaptureError) -> Block? {
        let blockOffset = input.offset
        guard let head = try input.peek(12) else {
            if input.available > 0 {
                warnings.append(
                    CaptureWarning(
                        .truncatedFile,
                        "file ends inside a block header (\(input.available) bytes left)",
                        byteOffset: blockOffset
                    )
                )
            }
            return nil
        }
        guard let rawType = head.u32(at: 0, bigEndian: bigEndian) else { return nil }
        // A Section Header Block reads the same in both byte orders; its byte-order magic decides the rest.
        var type = rawType
        if head.u32(at: 0, bigEndian: true) == BlockType.sectionHeader {
            type = BlockType.sectionHeader
            guard let orderMagic = head.u32(at: 8, bigEndian: true) else { return nil }
            switch orderMagic {
            case 0x1A2B_3C4D: bigEndian = true
            case 0x4D3C_2B1A: bigEndian = false
            default:
                throw CaptureError(
                    .invalidBlock,
                    String(orderMagic, radix: 16).uppercased()
                        + " is not a pcapng byte-order magic in the Section Header Block",
                    byteOffset: blockOffset + 8
                )
            }
        }
        let length = Int(head.u32(at: 4, bigEndian: bigEndian) ?? 0)
        guard length >= 12, length % 4 == 0, length <= limits.maxBlockLength else {
            throw CaptureError(
                .invalidRecordLength,
                "pcapng block of type \(type) has an impossible length \(length) "
                    + "(must be a multiple of 4 between 12 and \(limits.maxBlockLength))",
                byteOffset: blockOffset,
                recordNumber: isPacket(type) ? recordNumber + 1 : nil
            )
        }
        guard let bytes = try input.peek(length) else {
            warnings.append(
                CaptureWarning(
                    .truncatedFile,
                    "file ends inside a block of \(length) bytes (\(input.available) present)",
                    byteOffset: blockOffset,
                    recordNumber: isPacket(type) ? recordNumber + 1 : nil
                )
            )
            input.consume(input.available)
            return nil
        }
        let trailer = bytes.u32(at: length - 4, bigEndian: bigEndian) ?? 0
        guard trailer == UInt32(length) else {
            throw CaptureError(
                .invalidBlock,
                "pcapng block trailing length \(trailer) does not match its leading length \(length)",
                byteOffset: blockOffset + Int64(length) - 4,
                recordNumber: isPacket(type) ? recordNumber + 1 : nil
            )
        }
        input.consume(length)
        let block = Block(
            type: type,
            body: bytes.slice(at: 8, count: length - 12) ?? bytes.slice(from: length),
            offset: blockOffset
        )
        switch type {
        case BlockType.sectionHeader:
            try readSectionHeader(block)
        case BlockType.interfaceDescription:
            readInterface(block)
        default:
            break
        }
        return block
    }

    private func isPacket(_ type: UInt32) -> Bool {
        type == BlockType.enhancedPacket || type == BlockType.simplePacket || type == BlockType.obsoletePacket
    }

    private func readSectionHeader(_ block: Block) throws(CaptureError) {
        let major = block.body.u16(at: 4, bigEndian: bigEndian) ?? 0
        guard major == 1 else {
            throw CaptureError(
                .invalidFileHeader,
                "unsupported pcapng section version \(major) (only 1.x exists)",
                byteOffset: block.offset + 12
            )
        }
        // Interface numbers are per section (section 4.1).
        interfaces.removeAll()
    }

    private func readInterface(_ block: Block) {
        let body = block.body
        guard let linkType = body.u16(at: 0, bigEndian: bigEndian),
            let snapLength = body.u32(at: 4, bigEndian: bigEndian)
        else {
            warnings.append(
                CaptureWarning(.skippedBlock, "Interface Description Block too short", byteOffset: block.offset)
            )
            interfaces.append(Interface(linkType: LinkType(UInt32.max), snapLength: 0))
            return
        }
        var interface = Interface(linkType: LinkType(UInt32(linkType)), snapLength: snapLength)
        forEachOption(in: body.slice(from: 8)) { code, value in
            switch code {
            case 9:  // if_tsresol
                if let resolution = value.u8(at: 0) {
                    interface.isPowerOfTwo = resolution & 0x80 != 0
                    interface.resolutionExponent = resolution & 0x7F
                }
            case 14:  // if_tsoffset
                if let high = value.u32(at: 0, bigEndian: bigEndian), let low = value.u32(at: 4, bigEndian: bigEndian) {
                    let combined = bigEndian ? UInt64(high) << 32 | UInt64(low) : UInt64(low) << 32 | UInt64(high)
                    interface.offsetSeconds = Int64(bitPattern: combined)
                }
            default:
                break
            }
        }
        interfaces.append(interface)
        linkTypes.append(interface.linkType)
        // 2^-20 s is about a microsecond; 10^-6 is exactly one.
        if interface.isPowerOfTwo ? interface.resolutionExponent > 20 : interface.resolutionExponent > 6 {
            hasNanosecondTimestamps = true
        }
    }

    /// Calls `body` for each option (code, value) until `opt_endofopt` or the end of the bytes.
    private func forEachOption(
        in options: UnsafeRawBufferPointer,
        _ body: (UInt16, UnsafeRawBufferPointer) -> Void
    ) {
        var reader = ByteReader(options)
        while let code = reader.readU16(bigEndian: bigEndian), let length = reader.readU16(bigEndian: bigEndian) {
            if code == 0 { return }
            guard let value = reader.readBytes(Int(length)) else { return }
            body(code, value)
            reader.skip((4 - Int(length) % 4) % 4)
        }
    }

    private func frame(from block: Block) -> LinkFrame? {
        let body = block.body
        switch block.type {
        case BlockType.enhancedPacket, BlockType.obsoletePacket:
            // Same layout after the interface ID, which is 32 bits in an Enhanced Packet Block and
            // 16 bits (followed by a 16-bit drops count) in the obsolete Packet Block (section 4.3, appendix A).
            let interfaceID =
                block.type == BlockType.enhancedPacket
                ? body.u32(at: 0, bigEndian: bigEndian).map(Int.init)
                : body.u16(at: 0, bigEndian: bigEndian).map(Int.init)
            guard let interfaceID,
                let high = body.u32(at: 4, bigEndian: bigEndian),
                let low = body.u32(at: 8, bigEndian: bigEndian),
                let captured = body.u32(at: 12, bigEndian: bigEndian),
                let original = body.u32(at: 16, bigEndian: bigEndian)
            else { return malformedPacket(block, "Packet Block too short") }
            return packet(
                block,
                interfaceID: interfaceID,
                timestamp: UInt64(high) << 32 | UInt64(low),
                captured: Int(captured),
                original: Int(original),
                dataOffset: 20
            )
        case BlockType.simplePacket:
            guard let original = body.u32(at: 0, bigEndian: bigEndian) else {
                return malformedPacket(block, "Simple Packet Block too short")
            }
            // No timestamp and no captured length: the data is what the block holds, cut to the snaplen (section 4.4).
            let snap = interfaces.first.map { $0.snapLength == 0 ? Int.max : Int($0.snapLength) } ?? Int.max
            let captured = min(Int(original), body.count - 4, snap)
            return packet(
                block,
                interfaceID: 0,
                timestamp: nil,
                captured: captured,
                original: Int(original),
                dataOffset: 4
            )
        default:
            return nil
        }
    }

    private func packet(
        _ block: Block,
        interfaceID: Int,
        timestamp: UInt64?,
        captured: Int,
        original: Int,
        dataOffset: Int
    ) -> LinkFrame? {
        recordNumber += 1
        guard interfaceID >= 0, interfaceID < interfaces.count else {
            if !reportedMissingInterface {
                reportedMissingInterface = true
                warnings.append(
                    CaptureWarning(
                        .skippedBlock,
                        "packet refers to interface \(interfaceID), which no Interface Description Block defined; "
                            + "such packets are skipped",
                        byteOffset: block.offset,
                        recordNumber: recordNumber
                    )
                )
            }
            return nil
        }
        guard captured <= limits.maxRecordLength, let data = block.body.slice(at: dataOffset, count: captured) else {
            warnings.append(
                CaptureWarning(
                    .skippedBlock,
                    "packet block states a captured length of \(captured) bytes, more than the block holds; skipped",
                    byteOffset: block.offset,
                    recordNumber: recordNumber
                )
            )
            return nil
        }
        let interface = interfaces[interfaceID]
        let time = timestamp.map { Self.time(units: $0, interface: interface) } ?? lastTime
        lastTime = time
        return LinkFrame(
            recordNumber: recordNumber,
            time: time,
            linkType: interface.linkType,
            bytes: data,
            originalLength: max(original, captured),
            byteOffset: block.offset
        )
    }

    private func malformedPacket(_ block: Block, _ reason: String) -> LinkFrame? {
        recordNumber += 1
        warnings.append(
            CaptureWarning(.skippedBlock, reason + "; skipped", byteOffset: block.offset, recordNumber: recordNumber)
        )
        return nil
    }

    /// Converts a timestamp in interface units to nanoseconds since the epoch without overflow.
    static func time(units: UInt64, interface: Interface) -> CaptureTime {
        let exponent = Int(interface.resolutionExponent)
        let nanoseconds: Int64
        if interface.isPowerOfTwo {
            // units * 10^9 / 2^exponent, in 128-bit arithmetic.
            let product = units.multipliedFullWidth(by: 1_000_000_000)
            let shift = min(exponent, 127)
            let value: UInt64
            if shift >= 64 {
                value = shift >= 128 ? 0 : product.high >> UInt64(shift - 64)
            } else if shift == 0 {
                value = product.high == 0 ? product.low : UInt64.max
            } else {
                let high = product.high >> UInt64(shift)
                value = high == 0 ? (product.high << UInt64(64 - shift)) | (product.low >> UInt64(shift)) : UInt64.max
            }
            nanoseconds = Int64(clamping: value)
        } else if exponent <= 9 {
            var scale: UInt64 = 1
            for _ in 0..<(9 - exponent) { scale *= 10 }
            let (value, overflow) = units.multipliedReportingOverflow(by: scale)
            nanoseconds = overflow ? .max : Int64(clamping: value)
        } else {
            var divisor: UInt64 = 1
            for _ in 0..<min(exponent - 9, 19) { divisor *= 10 }
            nanoseconds = Int64(clamping: units / divisor)
        }
        let offset = interface.offsetSeconds.multipliedReportingOverflow(by: 1_000_000_000)
        return CaptureTime(
            nanoseconds: offset.overflow
                ? nanoseconds : nanoseconds.addingReportingOverflow(offset.partialValue).partialValue
        )
    }
}
