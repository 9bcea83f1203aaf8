/// An SDP body as parsed (RFC 8866 section 5): the body's bytes, where each line's value is, and
/// the notes the parse made. ``SDPSession``, ``SDPMedia`` and ``SDPDecodedAttributes`` made by
/// the parser share one of these and read their properties from it on request, so that parsing
/// costs one pass over the bytes and a few allocations whatever the body holds.
///
/// Every record comes from a parse of these same bytes, so its bounds are inside them; reads
/// still clamp them (``value(_:in:)``) rather than trust that.
final class SDPParsedBody: Sendable {
    /// The body, a slice of the message.
    let bytes: ArraySlice<UInt8>
    /// Every line of a known type in order (`v o s u e p t r z i c b k a m`), without empty,
    /// malformed and unknown-type lines and `a=` lines without a name, which no property reads.
    let lines: [SDPLineRecord]
    /// The limits of the parse, which `a=candidate` decoding needs again.
    let limits: SIPParseLimits
    /// What the parser noticed.
    let notes: [SIPParseNote]
    /// The index in ``lines`` of the first `m=` line, or `lines.count`: the session level's end.
    let sessionEnd: Int

    init(bytes: ArraySlice<UInt8>, lines: [SDPLineRecord], limits: SIPParseLimits, notes: [SIPParseNote]) {
        self.bytes = bytes
        self.lines = lines
        self.limits = limits
        self.notes = notes
        sessionEnd = lines.firstIndex { $0.type == SDPLineRecord.media } ?? lines.count
    }

    /// Calls `body` with the body's bytes as ``SDPBytes`` (indices from 0).
    func withBytes<Result>(_ body: (SDPBytes) throws(SIPParseError) -> Result) throws(SIPParseError) -> Result {
        try bytes.withUnsafeBufferPointer { buffer throws(SIPParseError) in try body(buffer[...]) }
    }

    /// Calls `body` with the bytes, for reads that cannot fail.
    func read<Result>(_ body: (SDPBytes) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { buffer in body(buffer[...]) }
    }

    /// The value of `record` in `bytes` (the body as given to ``read(_:)``), its bounds clamped
    /// to the body so no record can index outside it.
    static func value(_ record: SDPLineRecord, in bytes: SDPBytes) -> SDPBytes {
        let end = min(max(record.end, bytes.startIndex), bytes.endIndex)
        let start = min(max(record.start, bytes.startIndex), end)
        return bytes[start..<end]
    }

    /// The media descriptions: each from its `m=` line to the next one (RFC 8866 section 5: the
    /// lines after `m=` belong to it).
    var media: [SDPMedia] {
        var count = 0
        for index in sessionEnd..<lines.count where lines[index].type == SDPLineRecord.media { count += 1 }
        var media: [SDPMedia] = []
        media.reserveCapacity(count)
        var start = sessionEnd
        var index = sessionEnd + 1
        while index < lines.count {
            if lines[index].type == SDPLineRecord.media {
                media.append(SDPMedia(self, lines: start..<index))
                start = index
            }
            index += 1
        }
        if start < lines.count { media.append(SDPMedia(self, lines: start..<lines.count)) }
        return media
    }

    /// The first line of `type` in `range`, or `nil`.
    func first(_ type: UInt8, in range: Range<Int>) -> SDPLineRecord? {
        for index in range where lines[index].type == type { return lines[index] }
        return nil
    }

    /// The last line of `type` in `range`, or `nil`.
    func last(_ type: UInt8, in range: Range<Int>) -> SDPLineRecord? {
        for index in range.reversed() where lines[index].type == type { return lines[index] }
        return nil
    }

    /// The values of the lines of `type` in `range` that `decode` accepts, in order.
    func all<Value>(_ type: UInt8, in range: Range<Int>, _ decode: (SDPBytes) -> Value?) -> [Value] {
        read { bytes in
            var values: [Value] = []
            for index in range where lines[index].type == type {
                if let value = decode(Self.value(lines[index], in: bytes)) { values.append(value) }
            }
            return values
        }
    }

    /// The first value of the lines of `type` in `range` that `decode` accepts.
    func first<Value>(_ type: UInt8, in range: Range<Int>, _ decode: (SDPBytes) -> Value?) -> Value? {
        read { bytes in
            for index in range where lines[index].type == type {
                if let value = decode(Self.value(lines[index], in: bytes)) { return value }
            }
            return nil
        }
    }

    /// `decode` applied to the value of `record`, when there is one.
    func decode<Value>(_ record: SDPLineRecord?, _ decode: (SDPBytes) -> Value?) -> Value? {
        guard let record else { return nil }
        return read { bytes in decode(Self.value(record, in: bytes)) }
    }
}
