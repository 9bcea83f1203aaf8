#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a SIP message's start line and indexes its header fields in one pass over the bytes
/// (RFC 3261 section 7), then finds the body from Content-Length (section 20.14).
///
/// Lenient by design (RFC 3261 section 7.5 asks receivers to be liberal): LF-only line ends,
/// leading empty lines, extra spaces in the request line, a missing empty line before the body
/// and Content-Length disagreements are noted, not fatal. It throws only for what cannot be
/// read as SIP at all.
enum SIPMessageParser {
    private enum LineEnd {
        case crlf, lf, cr, end
    }

    /// The Content-Length fields seen while indexing (RFC 3261 section 20.14).
    private struct ContentLengthFields {
        /// The position of the first in the field index.
        var first: Int?
        var count = 0
    }

    private struct Line {
        var start: Int
        /// End of the line's content (before CR/LF).
        var end: Int
        /// Start of the next line.
        var next: Int
        var ending: LineEnd
    }

    static func parse(_ bytes: [UInt8], limits: SIPParseLimits) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= limits.maxMessageLength else {
            throw SIPParseError(
                .limitExceeded,
                "message of \(bytes.count) bytes exceeds \(limits.maxMessageLength) (limit maxMessageLength)",
                offset: 0
            )
        }
        var notes: [SIPParseNote] = []
        var position = 0
        // RFC 3261 section 7.5: empty lines before the start line are ignored.
        while position < bytes.count, bytes[position] == 0x0D || bytes[position] == 0x0A { position += 1 }
        if position > 0 {
            notes.append(
                SIPParseNote(
                    .invalidStartLine,
                    "\(position) bytes of empty lines before the start line ignored",
                    offset: 0,
                    isViolation: false
                )
            )
        }
        guard position < bytes.count else {
            throw SIPParseError(.invalidStartLine, "no start line: the message is empty", offset: position)
        }
        let first = line(in: bytes, from: position)
        let startLine = try StartLineParser.parse(bytes[first.start..<first.end], notes: &notes)
        var lfOnly = first.ending == .lf
        position = first.next

        var fields: [HeaderFieldIndex] = []
        fields.reserveCapacity(20)
        var headerEnd = bytes.count
        var sawEmptyLine = false
        // Where the first Content-Length field is and how many there are, so that finding the
        // body does not go over the fields again.
        var contentLengths = ContentLengthFields()
        while position < bytes.count {
            let current = line(in: bytes, from: position)
            if current.end == current.start {
                headerEnd = current.next
                sawEmptyLine = true
                if current.ending == .lf { lfOnly = true }
                break
            }
            guard current.end - current.start <= limits.maxHeaderLineLength else {
                throw SIPParseError(
                    .limitExceeded,
                    "header line of \(current.end - current.start) bytes exceeds \(limits.maxHeaderLineLength) "
                        + "(limit maxHeaderLineLength)",
                    offset: current.start
                )
            }
            if current.ending == .lf { lfOnly = true }
            if current.ending == .cr {
                notes.append(SIPParseNote(.lineEnding, "line ends with a bare CR", offset: current.end))
            }
            let leading = bytes[current.start]
            if leading == 0x20 || leading == 0x09 {
                // A continuation line (RFC 3261 section 7.3.1 folding) extends the previous value.
                if let last = fields.indices.last {
                    fields[last].valueRange = fields[last].valueRange.lowerBound..<current.end
                    guard current.end - fields[last].nameRange.lowerBound <= limits.maxHeaderLineLength else {
                        throw SIPParseError(
                            .limitExceeded,
                            "folded header of more than \(limits.maxHeaderLineLength) bytes (limit maxHeaderLineLength)",
                            offset: current.start
                        )
                    }
                } else {
                    notes.append(
                        SIPParseNote(
                            .invalidHeader,
                            "continuation line before any header ignored",
                            offset: current.start
                        )
                    )
                }
                position = current.next
                continue
            }
            guard let colon = bytes[current.start..<current.end].firstIndex(of: 0x3A) else {
                notes.append(
                    SIPParseNote(
                        .invalidHeader,
                        "header line without a colon ignored: \(preview(bytes[current.start..<current.end]))",
                        offset: current.start
                    )
                )
                position = current.next
                continue
            }
            guard fields.count < limits.maxHeaderCount else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxHeaderCount) header fields (limit maxHeaderCount)",
                    offset: current.start
                )
            }
            var nameEnd = colon
            while nameEnd > current.start, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            var valueStart = colon + 1
            while valueStart < current.end, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            var valueEnd = current.end
            while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let known = bytes.withUnsafeBufferPointer { buffer in
                KnownHeader.identify(buffer, start: current.start, count: nameEnd - current.start)
            }
            if known == nil, !bytes[current.start..<nameEnd].allSatisfy(SIPScanner.isTokenCharacter) {
                notes.append(
                    SIPParseNote(
                        .invalidHeader,
                        "header name is not a token: \(preview(bytes[current.start..<nameEnd]))",
                        offset: current.start
                    )
                )
            }
            if known == .contentLength {
                contentLengths.count += 1
                if contentLengths.first == nil { contentLengths.first = fields.count }
            }
            fields.append(
                HeaderFieldIndex(nameRange: current.start..<nameEnd, valueRange: valueStart..<valueEnd, known: known)
            )
            position = current.next
        }
        if !sawEmptyLine {
            notes.append(SIPParseNote(.incomplete, "no empty line after the header fields", offset: bytes.count))
        }
        if lfOnly {
            notes.append(SIPParseNote(.lineEnding, "lines end with LF instead of CRLF", offset: nil))
        }
        let bodyRange = body(of: bytes, from: headerEnd, fields: fields, contentLengths: contentLengths, notes: &notes)
        return SIPMessage(
            bytes: bytes,
            startLine: startLine,
            fieldIndex: fields,
            bodyRange: bodyRange,
            notes: notes,
            limits: limits
        )
    }

    /// The body: all that follows the header section, cut to Content-Length when it says less
    /// (the rest of a UDP datagram is ignored, RFC 3261 section 18.3).
    private static func body(
        of bytes: [UInt8],
        from start: Int,
        fields: [HeaderFieldIndex],
        contentLengths: ContentLengthFields,
        notes: inout [SIPParseNote]
    ) -> Range<Int> {
        let available = bytes.count - start
        guard let firstIndex = contentLengths.first, fields.indices.contains(firstIndex) else {
            return start..<bytes.count
        }
        let first = bytes[fields[firstIndex].valueRange]
        var conflicting = false
        if contentLengths.count > 1 {
            for field in fields[(firstIndex + 1)...] where field.known == .contentLength {
                if !bytes[field.valueRange].elementsEqual(first) { conflicting = true }
            }
        }
        if conflicting {
            notes.append(
                SIPParseNote(
                    .inconsistent,
                    "several Content-Length headers with different values; the first is used",
                    offset: first.startIndex
                )
            )
        }
        guard let length = decimal(first) else {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Content-Length \"\(preview(first))\" is not a number; the body is all that follows the headers",
                    offset: first.startIndex
                )
            )
            return start..<bytes.count
        }
        if length > available {
            notes.append(
                SIPParseNote(
                    .contentLengthMismatch,
                    "Content-Length \(length) but \(available) body bytes",
                    offset: first.startIndex
                )
            )
            return start..<bytes.count
        }
        if length < available {
            notes.append(
                SIPParseNote(
                    .contentLengthMismatch,
                    "\(available - length) bytes after the body (Content-Length \(length)) ignored",
                    offset: start + length,
                    isViolation: false
                )
            )
        }
        return start..<(start + length)
    }

    /// A non-negative decimal that fits in an Int, or `nil`.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// The line starting at `start`: memchr finds the LF (the common case), and a second
    /// search finds a lone CR before it, which also ends a line.
    private static func line(in bytes: [UInt8], from start: Int) -> Line {
        guard start < bytes.count else { return Line(start: start, end: start, next: start, ending: .end) }
        return bytes.withUnsafeBufferPointer { buffer -> Line in
            guard let base = buffer.baseAddress else {
                return Line(start: start, end: start, next: start, ending: .end)
            }
            let remaining = buffer.count - start
            let lineFeed = memchr(base + start, 0x0A, remaining).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            let searchEnd = lineFeed ?? buffer.count
            // A CR anywhere before the LF other than right before it is a lone CR.
            let carriage = memchr(base + start, 0x0D, searchEnd - start).map {
                UnsafeRawPointer($0) - UnsafeRawPointer(base)
            }
            if let carriage, carriage + 1 < buffer.count, buffer[carriage + 1] == 0x0A {
                return Line(start: start, end: carriage, next: carriage + 2, ending: .crlf)
            }
            if let carriage {
                return Line(start: start, end: carriage, next: carriage + 1, ending: .cr)
            }
            if let lineFeed {
                return Line(start: start, end: lineFeed, next: lineFeed + 1, ending: .lf)
            }
            return Line(start: start, end: buffer.count, next: buffer.count, ending: .end)
        }
    }

    /// Up to 40 bytes as text, for messages.
    static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return bytes.count > 40 ? text + "..." : text
    }
}
