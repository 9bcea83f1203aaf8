/// The scanner behind ``MultipartBody/parse(_:boundary:limits:depth:subtype:)``
/// (RFC 2046 section 5.1.1 grammar).
struct MultipartParser {
    let bytes: ArraySlice<UInt8>
    let boundary: String
    let limits: SIPParseLimits
    let depth: Int
    /// `--` followed by the boundary.
    private let dashBoundary: [UInt8]
    private var notes: [SIPParseNote] = []

    init(bytes: ArraySlice<UInt8>, boundary: String, limits: SIPParseLimits, depth: Int) {
        self.bytes = bytes
        self.boundary = boundary
        self.limits = limits
        self.depth = depth
        self.dashBoundary = Array("--\(boundary)".utf8)
    }

    /// A delimiter line found at a line start.
    private struct Delimiter {
        /// Where the line starts (after the preceding line break).
        var lineStart: Int
        /// Where the content after the delimiter line starts.
        var next: Int
        /// `--boundary--`.
        var isClose: Bool
    }

    mutating func parse() throws(SIPParseError) -> MultipartBody {
        guard !boundary.isEmpty else {
            throw SIPParseError(.invalidBody, "multipart boundary is empty (RFC 2046 section 5.1.1)")
        }
        if boundary.utf8.count > 70 {
            note("multipart boundary longer than 70 characters (RFC 2046 section 5.1.1)", bytes.startIndex)
        }
        guard var delimiter = nextDelimiter(from: bytes.startIndex) else {
            throw SIPParseError(
                .invalidBody,
                "multipart boundary delimiter '--\(boundary)' not found (RFC 2046 section 5.1.1)",
                offset: bytes.startIndex
            )
        }
        var parts: [MultipartPart] = []
        while !delimiter.isClose {
            let contentStart = delimiter.next
            let following = nextDelimiter(from: contentStart)
            var contentEnd = following?.lineStart ?? bytes.endIndex
            if following != nil {
                // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
                if contentEnd > contentStart, bytes[contentEnd - 1] == 0x0A { contentEnd -= 1 }
                if contentEnd > contentStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            }
            guard parts.count < limits.maxMultipartParts else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxMultipartParts) multipart parts (limit maxMultipartParts)",
                    offset: contentStart
                )
            }
            parts.append(try part(bytes[contentStart..<contentEnd]))
            guard let following else {
                note("multipart body has no close delimiter '--\(boundary)--' (RFC 2046 section 5.1.1)", contentStart)
                break
            }
            delimiter = following
        }
        if parts.isEmpty {
            note("multipart body has no part (RFC 2046 section 5.1.1 asks for at least one)", bytes.startIndex)
        }
        return MultipartBody(boundary: boundary, parts: parts, notes: notes)
    }

    private mutating func note(_ message: String, _ offset: Int?) {
        notes.append(SIPParseNote(.invalidBody, message, offset: offset))
    }

    /// The first delimiter line starting at or after `start`, which must be a line start.
    private func nextDelimiter(from start: Int) -> Delimiter? {
        var lineStart = start
        while lineStart < bytes.endIndex {
            if let delimiter = delimiter(at: lineStart) { return delimiter }
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = newline + 1
        }
        return nil
    }

    /// `--boundary[--] *LWSP-char (CRLF | end)` at `lineStart` (RFC 2046 section 5.1.1
    /// `dash-boundary transport-padding CRLF`). A line that merely starts with the boundary
    /// and goes on is content, not a delimiter.
    private func delimiter(at lineStart: Int) -> Delimiter? {
        guard bytes.endIndex - lineStart >= dashBoundary.count,
            bytes[lineStart..<(lineStart + dashBoundary.count)].elementsEqual(dashBoundary)
        else { return nil }
        var position = lineStart + dashBoundary.count
        var isClose = false
        if position + 1 < bytes.endIndex, bytes[position] == 0x2D, bytes[position + 1] == 0x2D {
            isClose = true
            position += 2
        }
        while position < bytes.endIndex, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        guard position < bytes.endIndex else {
            return Delimiter(lineStart: lineStart, next: position, isClose: isClose)
        }
        if bytes[position] == 0x0A {
            return Delimiter(lineStart: lineStart, next: position + 1, isClose: isClose)
        }
        if bytes[position] == 0x0D {
            if position + 1 >= bytes.endIndex {
                return Delimiter(lineStart: lineStart, next: position + 1, isClose: isClose)
            }
            if bytes[position + 1] == 0x0A {
                return Delimiter(lineStart: lineStart, next: position + 2, isClose: isClose)
            }
        }
        return nil
    }

    /// A body part: header lines, an empty line, the content (RFC 2046 section 5.1.1
    /// `body-part := MIME-part-headers [CRLF *OCTET]`).
    private mutating func part(_ content: ArraySlice<UInt8>) throws(SIPParseError) -> MultipartPart {
        var headers: [MultipartHeader] = []
        var headerOffsets: [Int] = []
        var position = content.startIndex
        var bodyStart = content.endIndex
        var sawEmptyLine = false
        while position < content.endIndex {
            let lineStart = position
            let newline = content[position...].firstIndex(of: 0x0A)
            var lineEnd = newline ?? content.endIndex
            position = newline.map { $0 + 1 } ?? content.endIndex
            if lineEnd > lineStart, content[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = content[lineStart..<lineEnd]
            if line.isEmpty {
                bodyStart = position
                sawEmptyLine = true
                break
            }
            if let first = line.first, first == 0x20 || first == 0x09, let last = headers.indices.last {
                // Folded continuation of the previous header (RFC 5322 section 2.2.3).
                let more = SIPScanner.trimmed(line)
                if !more.isEmpty { headers[last].value += " " + String(decoding: more, as: UTF8.self) }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A),
                case let name = SIPScanner.trimmed(line[..<colon]), !name.isEmpty,
                name.allSatisfy(SIPScanner.isTokenCharacter)
            else {
                // Not a header: the part has no header block, so this line is content.
                note(
                    "multipart part line is not a header and no empty line precedes it (RFC 2046 section 5.1.1)",
                    lineStart
                )
                bodyStart = lineStart
                sawEmptyLine = true
                break
            }
            guard headers.count < limits.maxHeaderCount else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxHeaderCount) headers in a multipart part (limit maxHeaderCount)",
                    offset: lineStart
                )
            }
            headers.append(
                MultipartHeader(
                    name: String(decoding: name, as: UTF8.self),
                    value: String(decoding: SIPScanner.trimmed(line[(colon + 1)...]), as: UTF8.self)
                )
            )
            headerOffsets.append(lineStart)
        }
        if !sawEmptyLine, !headers.isEmpty {
            note(
                "multipart part ends inside its headers: no empty line before content (RFC 2046 section 5.1.1)",
                content.startIndex
            )
        }
        var result = MultipartPart(headers: headers, body: content[bodyStart..<content.endIndex])
        guard let index = headers.firstIndex(where: { $0.name.lowercased() == "content-type" }) else { return result }
        let offset = headerOffsets.indices.contains(index) ? headerOffsets[index] : content.startIndex
        do {
            result.contentType = try SIPMediaType.parse(Array(headers[index].value.utf8)[...], limits: limits)
        } catch {
            notes.append(SIPParseNote(error.code, "part Content-Type not parsed: \(error.reason)", offset: offset))
            return result
        }
        guard let type = result.contentType, type.isMultipart else { return result }
        guard let boundary = type.boundary else {
            note("nested multipart part has no boundary parameter (RFC 2046 section 5.1.1)", offset)
            return result
        }
        do {
            let nested = try MultipartBody.parse(
                result.body,
                boundary: boundary,
                limits: limits,
                depth: depth + 1,
                subtype: type.subtype
            )
            notes += nested.notes
            result.nested = nested
        } catch  where error.code == .limitExceeded {
            throw error
        } catch {
            notes.append(SIPParseNote(error.code, "nested multipart not parsed: \(error.reason)", offset: error.offset))
        }
        return result
    }
}
