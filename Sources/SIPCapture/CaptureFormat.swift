/// The container formats sipdiag reads, told apart by their first bytes, never by file name.
public enum CaptureFormat: String, Hashable, Sendable, CustomStringConvertible {
    case pcap
    case pcapng
    /// One or more SIP messages as text (pasted from a log or an RFC), one after another.
    case sipText
    /// The text export of a Homer capture server (the capture API's `format=text`).
    case homerText
    /// Message rows in JSON from a Homer capture server (the capture API's `format=json`):
    /// stored rows, search results, or a bare array of either.
    case homerJSON
    /// A Homer call flow in JSON (the capture API's `format=transaction`).
    case homerTransaction

    public var description: String { rawValue }

    struct PcapMagic {
        var bigEndian: Bool
        var nanosecond: Bool
        var modified: Bool
    }

    /// The pcap variants by magic number as read big-endian from the first four bytes
    /// (draft-ietf-opsawg-pcap section 4).
    static func pcapMagic(_ magic: UInt32) -> PcapMagic? {
        switch magic {
        case 0xA1B2_C3D4: PcapMagic(bigEndian: true, nanosecond: false, modified: false)
        case 0xD4C3_B2A1: PcapMagic(bigEndian: false, nanosecond: false, modified: false)
        case 0xA1B2_3C4D: PcapMagic(bigEndian: true, nanosecond: true, modified: false)
        case 0x4D3C_B2A1: PcapMagic(bigEndian: false, nanosecond: true, modified: false)
        case 0xA1B2_CD34: PcapMagic(bigEndian: true, nanosecond: false, modified: true)
        case 0x34CD_B2A1: PcapMagic(bigEndian: false, nanosecond: false, modified: true)
        default: nil
        }
    }

    /// The format of a capture from its first bytes, or an error that says what the bytes look
    /// like instead, so that a user who fed an HTML error page or a JSON export knows it.
    static func sniff(_ head: UnsafeRawBufferPointer) throws(CaptureError) -> CaptureFormat {
        guard !head.isEmpty else {
            throw CaptureError(.emptyInput, "the input is empty (0 bytes): not a capture", byteOffset: 0)
        }
        if let magic = head.u32(at: 0, bigEndian: true) {
            if pcapMagic(magic) != nil { return .pcap }
            if magic == 0x0A0D_0D0A { return .pcapng }
        }
        // Which JSON shape it is can only be told once it is parsed: the reader says.
        if HomerJSONReader.looksLikeJSON(head) { return .homerJSON }
        if HomerTextReader.looksLikeHomerText(head) { return .homerText }
        if SIPTextReader.looksLikeSIPText(head) { return .sipText }
        throw CaptureError(
            .unrecognisedFormat,
            "not a pcap or pcapng capture, a Homer JSON or text export, nor SIP text: the input looks like "
                + InputDescription.describe(head),
            byteOffset: 0
        )
    }
}
