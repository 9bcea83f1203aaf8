import SIPMessage

/// Cuts SIP messages out of a TCP byte stream by their Content-Length (RFC 3261 section 18.3),
/// with a cap so that a peer cannot make the probe hold an endless answer.
struct ResponseFramer {
    static let limit = 65_536
    private var buffer: [UInt8] = []

    var isOverLimit: Bool { buffer.count > Self.limit }

    mutating func append(_ bytes: [UInt8]) { buffer += bytes }

    /// The next whole message, `nil` until one is complete.
    mutating func next() -> [UInt8]? {
        // Keep-alive CRLFs between messages (RFC 5626 section 3.5.1) are skipped.
        while buffer.first == 0x0D || buffer.first == 0x0A { buffer.removeFirst() }
        guard let end = headerEnd() else { return nil }
        let header = Array(buffer[..<end])
        var length = 0
        if let message = try? SIPMessage(parsing: header), let text = message.value(.contentLength),
            let value = Int(text.trimmingPrefix(" ")), value >= 0
        {
            length = value
        }
        guard length <= Self.limit, buffer.count - end >= length else { return nil }
        let message = Array(buffer[..<(end + length)])
        buffer.removeFirst(end + length)
        return message
    }

    /// The index just past the blank line ending the headers.
    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
            && buffer[index + 3] == 0x0A
        {
            return index + 4
        }
        return nil
    }
}
