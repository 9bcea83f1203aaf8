/// One header line of a message (with its continuation lines), as written.
public struct SIPHeaderField: Hashable, Sendable, CustomStringConvertible {
    /// The name, compact forms resolved (`i` is ``SIPHeaderName/callID``).
    public let name: SIPHeaderName
    /// The name as spelled in the message (`i`, `call-id`, `CALL-ID`, ...).
    public let spelledName: String
    /// The value with line folding replaced by single spaces (RFC 3261 section 7.3.1).
    public var value: String { SIPHeaderField.unfolded(rawValue) }
    /// The value's bytes in the message, continuation lines included.
    public let rawValue: ArraySlice<UInt8>

    init(index: HeaderFieldIndex, bytes: [UInt8]) {
        let nameBytes = bytes[index.nameRange]
        self.spelledName = String(decoding: nameBytes, as: UTF8.self)
        self.name = index.known.map(SIPHeaderName.init(known:)) ?? SIPHeaderName(spelledName)
        self.rawValue = bytes[index.valueRange]
    }

    public var description: String { "\(spelledName): \(value)" }

    /// Folded lines (CRLF or LF followed by white space) joined with one space, as RFC 3261
    /// section 7.3.1 says they mean.
    static func unfolded(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                // Drop the line break and the white space that starts the continuation line.
                while index < bytes.endIndex, SIPScanner.isWhitespace(bytes[index]) { index += 1 }
                while let last = result.last, last == 0x20 || last == 0x09 { result.removeLast() }
                result.append(0x20)
                continue
            }
            result.append(byte)
            index += 1
        }
        // A value may start on the continuation line ("Subject:" CRLF SP "text").
        return String(decoding: SIPScanner.trimmed(result[...]), as: UTF8.self)
    }
}

/// Where a header field lies in the message bytes: found once, decoded on demand.
struct HeaderFieldIndex: Hashable, Sendable {
    var nameRange: Range<Int>
    var valueRange: Range<Int>
    var known: KnownHeader?
}
