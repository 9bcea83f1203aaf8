/// Reads SIP messages written as text one after another, as pasted from a log, a ticket or an
/// RFC: LF or CRLF line ends, optional blank lines between messages. Each message ends where
/// its Content-Length says (RFC 3261 section 20.14) or, without one, where the next start
/// line begins.
enum SIPTextReader {
    /// Whether the input starts (after white space) with a SIP start line.
    static func looksLikeSIPText(_ head: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while let byte = head.u8(at: start), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
            start += 1
        }
        return SIPStartLine.looksLikeSIP(head.slice(from: start))
    }

    /// The messages of the text in `input`.
    static func messages(_ input: ByteInput, limits: CaptureLimits) throws(CaptureError) -> [CapturedMessage] {
        split(try readAll(input, limits: limits))
    }

    /// The whole input, at most `limits.maxTextInputLength` bytes: text exports are split on
    /// lines that only make sense with the whole text at hand.
    static func readAll(
        _ input: ByteInput,
        limits: CaptureLimits,
        kind: String = "SIP text"
    ) throws(CaptureError) -> [UInt8] {
        var all: [UInt8] = []
        while true {
            guard let chunk = try input.peek(min(ByteInput.chunkSize, max(input.available, 1))) else {
                if input.available > 0, let rest = try input.peek(input.available) {
                    all.append(contentsOf: rest)
                    input.consume(rest.count)
                }
                break
            }
            all.append(contentsOf: chunk)
            input.consume(chunk.count)
            guard all.count <= limits.maxTextInputLength else {
                throw CaptureError(
                    .invalidRecordLength,
                    "\(kind) larger than \(limits.maxTextInputLength) bytes (limit maxTextInputLength)",
                    byteOffset: Int64(limits.maxTextInputLength)
                )
            }
            if try input.isAtEnd() { break }
        }
        return all
    }

    /// Splits text into messages.
    static func split(_ bytes: [UInt8]) -> [CapturedMessage] {
        bytes.withUnsafeBytes { raw in
            let starts = startLineOffsets(raw)
            var result: [CapturedMessage] = []
            for (number, start) in starts.enumerated() {
                let limit = number + 1 < starts.count ? starts[number + 1] : raw.count
                let end = messageEnd(raw, start: start, limit: limit)
                let placeholder = Endpoint(address: .v4(0), port: 0)
                result.append(
                    CapturedMessage(
                        time: CaptureTime(nanoseconds: 0),
                        source: placeholder,
                        destination: placeholder,
                        transport: .udp,
                        recordNumbers: [number + 1],
                        payload: Array(raw.slice(at: start, count: end - start) ?? raw.slice(from: raw.count)),
                        notes: [.readFromText]
                    )
                )
            }
            return result
        }
    }

    /// Offsets of lines that are SIP start lines, skipping those inside a body that
    /// Content-Length covers.
    private static func startLineOffsets(_ raw: UnsafeRawBufferPointer) -> [Int] {
        var offsets: [Int] = []
        var lineStart = 0
        var skipUntil = 0
        while lineStart < raw.count {
            if lineStart >= skipUntil, SIPStartLine.looksLikeSIP(raw.slice(from: lineStart)) {
                offsets.append(lineStart)
                if let end = contentLengthEnd(raw, start: lineStart) { skipUntil = end }
            }
            guard let newline = StreamHeaderSection.firstLineFeed(raw, from: lineStart) else { break }
            lineStart = newline + 1
        }
        return offsets
    }

    /// Where a message ends: after its Content-Length of body when it has one that fits before
    /// `limit`; otherwise at `limit`, less the blank lines that separate messages but keeping the
    /// line end of the last line and the empty line that closes the headers.
    private static func messageEnd(_ raw: UnsafeRawBufferPointer, start: Int, limit: Int) -> Int {
        if let end = contentLengthEnd(raw, start: start), end <= limit { return end }
        var end = limit
        while end > start, let byte = raw.u8(at: end - 1), byte == 0x0A || byte == 0x0D { end -= 1 }
        for _ in 0..<2 where end < limit {
            end += raw.u8(at: end) == 0x0D && end + 1 < limit && raw.u8(at: end + 1) == 0x0A ? 2 : 1
        }
        return end
    }

    /// The end of the body according to Content-Length (or `l`), when the header section is
    /// complete: the same framing the TCP stream decoder uses (``StreamHeaderSection``).
    static func contentLengthEnd(_ raw: UnsafeRawBufferPointer, start: Int) -> Int? {
        guard let headerEnd = StreamHeaderSection.findEnd(raw, from: start).end,
            var lineStart = StreamHeaderSection.firstLineFeed(raw, from: start).map({ $0 + 1 })
        else { return nil }
        while lineStart < headerEnd {
            let lineFeed = StreamHeaderSection.firstLineFeed(raw, from: lineStart) ?? headerEnd
            let lineEnd = lineFeed > lineStart && raw.u8(at: lineFeed - 1) == 0x0D ? lineFeed - 1 : lineFeed
            if let length = StreamHeaderSection.contentLength(line: lineStart..<lineEnd, in: raw, limit: raw.count) {
                guard case .value(let value) = length, value <= raw.count - headerEnd else { return nil }
                return headerEnd + value
            }
            lineStart = lineFeed + 1
        }
        return nil
    }
}
