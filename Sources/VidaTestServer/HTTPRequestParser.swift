import Foundation

/// Frames HTTP/1.x requests out of a TCP byte stream (RFC 9112).
///
/// After the NIO decoder: "need more bytes" (`nil`) is a different answer from "malformed"
/// (a thrown ``HTTPParseError``), leftovers stay buffered for the next (pipelined) request, and
/// every size taken from the wire is capped before it is used.
struct HTTPRequestParser {
    /// Request line plus header fields.
    static let maxHeadBytes = 32 * 1024
    static let maxHeaderCount = 100
    /// The brief's limit: anything larger is answered 413.
    static let maxBodyBytes = 1_048_576

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    private var buffer: [UInt8] = []
    private var pending: (head: HTTPRequestHead, length: Int)?
    private var continueAnswered = false

    /// Bytes received and not yet part of a returned request.
    var bufferedByteCount: Int { buffer.count }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next event, or `nil` when more bytes are needed.
    mutating func next() throws(HTTPParseError) -> HTTPParseEvent? {
        if pending == nil {
            guard let parsed = try Self.parseHead(buffer) else {
                if buffer.count > Self.maxHeadBytes {
                    throw HTTPParseError(status: 431, reason: "Request header fields too large")
                }
                return nil
            }
            pending = parsed
            continueAnswered = false
        }
        guard let (head, headLength) = pending else { return nil }

        let complete: (body: [UInt8], end: Int)?
        switch head.framing {
        case .length(let length):
            // headLength <= buffer.count, so the subtraction cannot go negative.
            if buffer.count - headLength >= length {
                complete = (Array(buffer[headLength..<(headLength + length)]), headLength + length)
            } else {
                complete = nil
            }
        case .chunked:
            complete = try Self.parseChunkedBody(buffer, from: headLength)
        }
        guard let complete else {
            if head.expectsContinue && !continueAnswered {
                continueAnswered = true
                return .continueExpected
            }
            return nil
        }
        buffer.removeFirst(complete.end)
        pending = nil
        return .request(head, body: complete.body)
    }

    // MARK: - Head

    /// The head and its length in bytes (through the empty line), `nil` if incomplete.
    static func parseHead(_ bytes: [UInt8]) throws(HTTPParseError) -> (head: HTTPRequestHead, length: Int)? {
        var index = 0
        // RFC 9112 section 2.2: a server should ignore empty lines before the request line.
        while index < bytes.count && (bytes[index] == carriageReturn || bytes[index] == lineFeed) {
            index += 1
        }
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = index
        while index < bytes.count {
            if index >= maxHeadBytes {
                throw HTTPParseError(status: 431, reason: "Request header fields too large")
            }
            if bytes[index] == lineFeed {
                var lineEnd = index
                // Bare LF line endings are tolerated (RFC 9112 section 2.2); lineEnd > lineStart
                // keeps the index in range.
                if lineEnd > lineStart && bytes[lineEnd - 1] == carriageReturn { lineEnd -= 1 }
                let line = bytes[lineStart..<lineEnd]
                if line.isEmpty {
                    return (try makeHead(lines), index + 1)
                }
                lines.append(line)
                if lines.count > maxHeaderCount + 1 {
                    throw HTTPParseError(status: 431, reason: "Too many header fields")
                }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func makeHead(_ lines: [ArraySlice<UInt8>]) throws(HTTPParseError) -> HTTPRequestHead {
        guard let requestLine = lines.first else {
            throw HTTPParseError(status: 400, reason: "Missing request line")
        }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPParseError(status: 400, reason: "Malformed request line")
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let rawTarget = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else {
            throw HTTPParseError(status: 400, reason: "Malformed method")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            if version.hasPrefix("HTTP/") {
                throw HTTPParseError(status: 505, reason: "HTTP version not supported")
            }
            throw HTTPParseError(status: 400, reason: "Malformed HTTP version")
        }
        let target = try originForm(rawTarget)

        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
                // Obsolete line folding (RFC 9112 section 5.2) is rejected rather than guessed at.
                throw HTTPParseError(status: 400, reason: "Folded header field")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw HTTPParseError(status: 400, reason: "Header field without a colon")
            }
            let nameBytes = line[line.startIndex..<colon]
            guard !nameBytes.isEmpty, nameBytes.allSatisfy(isTokenByte) else {
                throw HTTPParseError(status: 400, reason: "Malformed header field name")
            }
            let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            if let existing = headers[name] {
                headers[name] = existing + ", " + value
            } else {
                headers[name] = value
            }
        }
        return HTTPRequestHead(
            method: method,
            target: target,
            version: version,
            headers: headers,
            framing: try framing(headers)
        )
    }

    /// Reduces an absolute-form target (`http://host/path`) to its path; origin form is kept.
    private static func originForm(_ target: String) throws(HTTPParseError) -> String {
        if target.hasPrefix("/") { return target }
        let lowered = target.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
            return String(afterScheme[slash...])
        }
        throw HTTPParseError(status: 400, reason: "Malformed request target")
    }

    /// RFC 9112 section 6.3: Transfer-Encoding wins over Content-Length, but a request carrying
    /// both is a smuggling attempt and is refused; so are Content-Length values that disagree.
    private static func framing(_ headers: [String: String]) throws(HTTPParseError) -> HTTPRequestHead.Framing {
        if let encoding = headers["transfer-encoding"] {
            guard headers["content-length"] == nil else {
                throw HTTPParseError(status: 400, reason: "Both Transfer-Encoding and Content-Length")
            }
            let codings = encoding.lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard codings == ["chunked"] else {
                throw HTTPParseError(status: 400, reason: "Unsupported Transfer-Encoding")
            }
            return .chunked
        }
        guard let lengthField = headers["content-length"] else { return .length(0) }
        let values = Set(lengthField.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        guard values.count == 1, let value = values.first, !value.isEmpty,
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw HTTPParseError(status: 400, reason: "Malformed Content-Length")
        }
        // More than 7 digits is over the limit whatever the digits; this also keeps Int(_:) safe.
        guard value.utf8.count <= 7, let length = Int(value) else {
            throw HTTPParseError(status: 413, reason: "Request body larger than 1 MB")
        }
        guard length <= maxBodyBytes else {
            throw HTTPParseError(status: 413, reason: "Request body larger than 1 MB")
        }
        return .length(length)
    }

    // MARK: - Chunked body (RFC 9112 section 7.1)

    /// The decoded body and the index just past the trailer section, `nil` if incomplete.
    static func parseChunkedBody(
        _ bytes: [UInt8],
        from start: Int
    ) throws(HTTPParseError) -> (body: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let sizeLine = line(in: bytes, from: index) else {
                if bytes.count - index > 1024 {
                    throw HTTPParseError(status: 400, reason: "Malformed chunk size")
                }
                return nil
            }
            let sizeField = sizeLine.content.prefix { $0 != UInt8(ascii: ";") }
            let sizeText = String(decoding: sizeField, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            // Eight hex digits already exceed any acceptable chunk, and keep the parse in range.
            guard !sizeText.isEmpty, sizeText.utf8.count <= 8, let size = Int(sizeText, radix: 16) else {
                throw HTTPParseError(status: 400, reason: "Malformed chunk size")
            }
            index = sizeLine.next
            if size == 0 {
                var trailerCount = 0
                while true {
                    guard let trailer = line(in: bytes, from: index) else { return nil }
                    index = trailer.next
                    if trailer.content.isEmpty { return (body, index) }
                    trailerCount += 1
                    if trailerCount > maxHeaderCount {
                        throw HTTPParseError(status: 431, reason: "Too many trailer fields")
                    }
                }
            }
            guard body.count + size <= maxBodyBytes else {
                throw HTTPParseError(status: 413, reason: "Request body larger than 1 MB")
            }
            guard bytes.count - index >= size else { return nil }
            body.append(contentsOf: bytes[index..<(index + size)])
            index += size
            guard let terminator = line(in: bytes, from: index) else { return nil }
            guard terminator.content.isEmpty else {
                throw HTTPParseError(status: 400, reason: "Chunk data longer than its size")
            }
            index = terminator.next
        }
    }

    /// The line starting at `start` without its CRLF or LF, and the index after it.
    private static func line(in bytes: [UInt8], from start: Int) -> (content: ArraySlice<UInt8>, next: Int)? {
        guard start <= bytes.count, let lineFeedIndex = bytes[start...].firstIndex(of: lineFeed) else {
            return nil
        }
        var end = lineFeedIndex
        if end > start && bytes[end - 1] == carriageReturn { end -= 1 }
        return (bytes[start..<end], lineFeedIndex + 1)
    }

    /// `tchar` of RFC 9110 section 5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
