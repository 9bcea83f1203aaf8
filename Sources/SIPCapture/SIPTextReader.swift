/// Reads SIP messages written as text one after another, as pasted from a log, a ticket or an
/// RFC: LF or CRLF line ends, optional blank lines between messages. Each message ends where
/// its Content-Length says (RFC 3261 section 20.14) or, without one, where the next start
/// line begins.
final class SIPTextReader {
    private var messages: [CapturedMessage] = []
    private var nextIndex = 0

    /// Whether the input starts (after white space) with a SIP start line.
    static func looksLikeSIPText(_ head: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while let byte = head.u8(at: start), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
            start += 1
        }
        return SIPStartLine.looksLikeSIP(head.slice(from: start))
    }

    init(input: ByteInput, limits: CaptureLimits) throws(CaptureError) {
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
                    "SIP text larger than \(limits.maxTextInputLength) bytes (limit maxTextInputLength)",
                    byteOffset: Int64(limits.maxTextInputLength)
                )
            }
            if try input.isAtEnd() { break }
        }
        messages = Self.split(all)
    }

    func nextMessage() -> CapturedMessage? {
        guard nextIndex < messages.count else { return nil }
        defer { nextIndex += 1 }
        return messages[nextIndex]
    }

    /// Splits text into messages.
    static func split(_ bytes: [UInt8]) -> [CapturedMessage] {
        let starts = startLineOffsets(bytes)
        var result: [CapturedMessage] = []
        for (number, start) in starts.enumerated() {
            let limit = number + 1 < starts.count ? starts[number + 1] : bytes.count
            let end = messageEnd(bytes, start: start, limit: limit)
            let placeholder = Endpoint(address: .v4(0), port: 0)
            result.append(
                CapturedMessage(
                    time: CaptureTime(nanoseconds: 0),
                    source: placeholder,
                    destination: placeholder,
                    transport: .udp,
                    recordNumbers: [number + 1],
                    payload: Array(bytes[start..<end]),
                    notes: [.readFromText]
                )
            )
        }
        return result
    }

    /// Offsets of lines that are SIP start lines, skipping those inside a body that
    /// Content-Length covers.
    private static func startLineOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var lineStart = 0
        var skipUntil = 0
        bytes.withUnsafeBytes { raw in
            while lineStart < bytes.count {
                if lineStart >= skipUntil, SIPStartLine.looksLikeSIP(raw.slice(from: lineStart)) {
                    offsets.append(lineStart)
                    if let end = contentLengthEnd(bytes, start: lineStart) { skipUntil = end }
                }
                guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { break }
                lineStart = newline + 1
            }
        }
        return offsets
    }

    /// Where a message ends: after its Content-Length of body when it has one that fits before
    /// `limit`; otherwise at `limit`, less the blank lines that separate messages but keeping the
    /// line end of the last line and the empty line that closes the headers.
    private static func messageEnd(_ bytes: [UInt8], start: Int, limit: Int) -> Int {
        if let end = contentLengthEnd(bytes, start: start), end <= limit { return end }
        var end = limit
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        for _ in 0..<2 where end < limit {
            if bytes[end] == 0x0D, end + 1 < limit, bytes[end + 1] == 0x0A {
                end += 2
            } else {
                end += 1
            }
        }
        return end
    }

    /// The end of the body according to Content-Length (or `l`), when the headers are complete.
    private static func contentLengthEnd(_ bytes: [UInt8], start: Int) -> Int? {
        var index = start
        var length: Int?
        var first = true
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            var lineEnd = newline
            if lineEnd > index, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd == index {
                guard let length else { return nil }
                let (end, overflow) = (newline + 1).addingReportingOverflow(length)
                return overflow || end > bytes.count ? nil : end
            }
            if !first, let colon = bytes[index..<lineEnd].firstIndex(of: 0x3A) {
                let name = bytes[index..<colon].filter { $0 != 0x20 && $0 != 0x09 }.map { $0 | 0x20 }
                if name == Array("content-length".utf8) || name == [0x6C] {
                    let digits = bytes[(colon + 1)..<lineEnd].filter { $0 != 0x20 && $0 != 0x09 }
                    if !digits.isEmpty, digits.count < 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                        length = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                    }
                }
            }
            first = false
            index = newline + 1
        }
        return nil
    }
}
