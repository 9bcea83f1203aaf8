/// Reads classic libpcap files: both byte orders, microsecond and nanosecond magic, and the
/// Kuznetzov "modified pcap" variant (IETF draft-ietf-opsawg-pcap sections 4 and 5).
final class PcapReader {
    /// The 24-byte file header.
    static let fileHeaderLength = 24

    private let input: ByteInput
    private let bigEndian: Bool
    /// Whether the file stores nanoseconds (magic a1b23c4d) rather than microseconds.
    let nanosecond: Bool
    private let recordHeaderLength: Int
    private let limits: CaptureLimits
    let linkType: LinkType
    let snapLength: UInt32
    private var recordNumber = 0
    private(set) var warnings: [CaptureWarning] = []

    /// Reads the file header. The caller has checked that the magic is one of ours.
    init(input: ByteInput, limits: CaptureLimits) throws(CaptureError) {
        self.input = input
        self.limits = limits
        guard let header = try input.peek(Self.fileHeaderLength) else {
            throw CaptureError(
                .invalidFileHeader,
                "pcap file header cut short: \(input.available) of 24 bytes",
                byteOffset: 0
            )
        }
        guard let magic = header.u32(at: 0, bigEndian: true), let kind = CaptureFormat.pcapMagic(magic) else {
            throw CaptureError(.invalidFileHeader, "not a pcap magic number", byteOffset: 0)
        }
        bigEndian = kind.bigEndian
        nanosecond = kind.nanosecond
        recordHeaderLength = kind.modified ? 24 : 16
        let major = header.u16(at: 4, bigEndian: bigEndian) ?? 0
        let minor = header.u16(at: 6, bigEndian: bigEndian) ?? 0
        guard major == 2 else {
            throw CaptureError(
                .invalidFileHeader,
                "unsupported pcap version \(major).\(minor) (only 2.x exists)",
                byteOffset: 4
            )
        }
        snapLength = header.u32(at: 16, bigEndian: bigEndian) ?? 0
        // The upper bits of the link type field carry FCS information (draft-ietf-opsawg-pcap section 4).
        linkType = LinkType((header.u32(at: 20, bigEndian: bigEndian) ?? 0) & 0x0FFF_FFFF)
        input.consume(Self.fileHeaderLength)
    }

    /// The next record, `nil` at the end of the file. A file cut mid-record ends with a warning;
    /// a record length that cannot be right throws, since nothing after it can be trusted.
    func nextFrame() throws(CaptureError) -> LinkFrame? {
        let recordOffset = input.offset
        guard let header = try input.peek(recordHeaderLength) else {
            if input.available > 0 {
                warnings.append(
                    CaptureWarning(
                        .truncatedFile,
                        "file ends inside a record header (\(input.available) of \(recordHeaderLength) bytes)",
                        byteOffset: recordOffset,
                        recordNumber: recordNumber + 1
                    )
                )
            }
            return nil
        }
        let seconds = header.u32(at: 0, bigEndian: bigEndian) ?? 0
        let fraction = header.u32(at: 4, bigEndian: bigEndian) ?? 0
        let capturedLength = Int(header.u32(at: 8, bigEndian: bigEndian) ?? 0)
        let originalLength = Int(header.u32(at: 12, bigEndian: bigEndian) ?? 0)
        recordNumber += 1
        guard capturedLength <= limits.maxRecordLength else {
            throw CaptureError(
                .invalidRecordLength,
                "record length \(capturedLength) exceeds the maximum of \(limits.maxRecordLength) bytes; "
                    + "the file is corrupt from here on",
                byteOffset: recordOffset,
                recordNumber: recordNumber
            )
        }
        let total = recordHeaderLength + capturedLength
        guard let record = try input.peek(total) else {
            warnings.append(
                CaptureWarning(
                    .truncatedFile,
                    "file ends inside record \(recordNumber): \(input.available - recordHeaderLength) of "
                        + "\(capturedLength) bytes present",
                    byteOffset: recordOffset,
                    recordNumber: recordNumber
                )
            )
            input.consume(input.available)
            return nil
        }
        input.consume(total)
        let nanos = nanosecond ? Int64(fraction) : Int64(fraction) &* 1000
        return LinkFrame(
            recordNumber: recordNumber,
            time: CaptureTime(seconds: Int64(seconds), nanoseconds: nanos),
            linkType: linkType,
            bytes: record.slice(from: recordHeaderLength),
            originalLength: max(originalLength, capturedLength),
            byteOffset: recordOffset
        )
    }
}
