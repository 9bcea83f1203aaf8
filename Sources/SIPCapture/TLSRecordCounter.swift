/// Counts the TLS records of one direction of an encrypted connection by walking record
/// headers (RFC 8446 section 5.1): content type, legacy version and length, then skipping
/// the length. Holds at most the five bytes of a header split across segments.
struct TLSRecordCounter {
    /// The longest record payload accepted: RFC 8446 section 5.2 allows 2^14 + 256 bytes of
    /// ciphertext, RFC 5246 section 6.2.3 allows 2^14 + 2048; the larger is used.
    static let maximumRecordLength = 16384 + 2048
    /// The size of a record header.
    static let headerLength = 5

    /// Records seen whole (header and all payload bytes, captured or lost in a gap of known size).
    private(set) var completeRecords = 0
    /// False once a header did not make sense or a gap could not be skipped: counting stops.
    private(set) var isSynchronised = true
    /// The first record was a handshake record holding a ClientHello (RFC 8446 section 4).
    private(set) var sentClientHello = false
    /// The first record was a handshake record holding a ServerHello.
    private(set) var sentServerHello = false

    private var header: UInt64 = 0
    private var headerBytes = 0
    private var remainingInRecord = 0
    private var inRecord = false
    private var recordsStarted = 0
    private var checkHandshakeType = false

    /// Whether `bytes` start with a plausible TLS record header: content type 20 to 23
    /// (change_cipher_spec, alert, handshake, application_data), legacy version 0x0301 to
    /// 0x0304, and a length from 1 to ``maximumRecordLength``. `nil` while fewer than five
    /// bytes agree.
    static func startsRecord(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        guard let type = bytes.u8(at: 0) else { return nil }
        guard (20...23).contains(type) else { return false }
        guard let major = bytes.u8(at: 1) else { return nil }
        guard major == 3 else { return false }
        guard let minor = bytes.u8(at: 2) else { return nil }
        guard (1...4).contains(minor) else { return false }
        guard let length = bytes.u16(at: 3) else { return nil }
        return (1...maximumRecordLength).contains(Int(length))
    }

    /// Walks the next bytes of the direction.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count, isSynchronised {
            if inRecord {
                if checkHandshakeType, let type = bytes.u8(at: index) {
                    sentClientHello = type == 1
                    sentServerHello = type == 2
                    checkHandshakeType = false
                }
                let count = min(remainingInRecord, bytes.count - index)
                index += count
                remainingInRecord -= count
                if remainingInRecord == 0 {
                    inRecord = false
                    completeRecords += 1
                }
                continue
            }
            guard let byte = bytes.u8(at: index) else { break }
            header = header << 8 | UInt64(byte)
            headerBytes += 1
            index += 1
            if headerBytes == Self.headerLength {
                startRecord()
            }
        }
    }

    /// Accounts for `count` bytes lost from the direction: counting goes on only when they
    /// fall inside the payload of the current record.
    mutating func skip(lost count: Int) {
        guard isSynchronised, count > 0 else { return }
        guard inRecord, count <= remainingInRecord else {
            isSynchronised = false
            return
        }
        // The record type byte of a handshake may be what was lost.
        checkHandshakeType = false
        remainingInRecord -= count
        if remainingInRecord == 0 {
            inRecord = false
            completeRecords += 1
        }
    }

    private mutating func startRecord() {
        let type = UInt8(truncatingIfNeeded: header >> 32)
        let major = UInt8(truncatingIfNeeded: header >> 24)
        let minor = UInt8(truncatingIfNeeded: header >> 16)
        let length = Int(header & 0xFFFF)
        header = 0
        headerBytes = 0
        // Walking accepts heartbeat (24) and SSL 3.0 (0x0300) beside what starts a connection.
        guard (20...24).contains(type), major == 3, minor <= 4, (1...Self.maximumRecordLength).contains(length) else {
            isSynchronised = false
            return
        }
        inRecord = true
        remainingInRecord = length
        checkHandshakeType = type == 22 && recordsStarted == 0
        recordsStarted += 1
    }
}
