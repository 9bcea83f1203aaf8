/// Frames SIP messages on a byte stream (RFC 3261 section 18.3): the header section ends at
/// the first empty line, and the body is as long as Content-Length says.
///
/// Works on the bytes from the current message boundary on; the caller consumes what a
/// step says and calls again. State carried between calls (where the header scan stopped,
/// the framing of a message waiting for its body) keeps each byte examined once however
/// the stream is split into segments.
struct SIPStreamFramer {
    /// What the bytes at the boundary are.
    enum Step: Hashable, Sendable {
        /// More bytes are needed to decide.
        case needMore
        /// Whitespace between messages: keep-alive CRLFs (RFC 5626 section 4.4.1) or
        /// line endings before a start line (RFC 3261 section 7.5). Drop it silently.
        case whitespace(Int)
        /// Framing is lost: drop `discard` bytes (the start line of a message that cannot be
        /// framed, or nothing) and resynchronise.
        case lostSync(discard: Int)
        /// A message of `length` bytes; `hasContentLength` is false when the body length was
        /// missing or unusable and taken as 0.
        case message(length: Int, hasContentLength: Bool)
        /// A HEP3 packet starts here instead.
        case hep
    }

    /// The framing of a message whose header section is complete.
    struct PendingBody: Hashable, Sendable {
        var headerLength: Int
        var contentLength: Int
    }

    private var startLineLength: Int?
    /// Where the next header line to examine starts.
    private var headerScanResume = 0
    /// The Content-Length read so far from the header lines examined.
    private var contentLength = StreamHeaderSection.ContentLength.missing
    /// Set while a message with a known Content-Length waits for its body.
    private(set) var pendingBody: PendingBody?

    /// Forgets the message in progress.
    mutating func reset() {
        startLineLength = nil
        headerScanResume = 0
        contentLength = .missing
        pendingBody = nil
    }

    /// Looks at the bytes from the current boundary.
    ///
    /// A Content-Length above `maximumLength` (less the header section), or a header section
    /// longer than `maximumLength`, loses sync: such a message is corrupt or hostile, and
    /// waiting for it would hold the stream.
    mutating func step(_ bytes: UnsafeRawBufferPointer, maximumLength: Int) -> Step {
        if let pending = pendingBody {
            let total = pending.headerLength + pending.contentLength
            guard bytes.count >= total else { return .needMore }
            reset()
            return .message(length: total, hasContentLength: true)
        }
        let lineLength: Int
        if let known = startLineLength {
            lineLength = known
        } else {
            var whitespace = 0
            while let byte = bytes.u8(at: whitespace), byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 {
                whitespace += 1
            }
            if whitespace > 0 { return .whitespace(whitespace) }
            guard !bytes.isEmpty else { return .needMore }
            switch HEPStreamFramer.packetLength(bytes) {
            case .length: return .hep
            case .needMore: return .needMore
            case .notHEP: break
            }
            switch SIPStartLine.match(bytes) {
            case .incomplete: return .needMore
            case .notSIP: return .lostSync(discard: 0)
            case .sip(let length):
                lineLength = length
                startLineLength = length
                headerScanResume = length
            }
        }
        // One pass over the header lines: find the empty line that ends them, and read
        // Content-Length on the way (the first one decides).
        var lineStart = headerScanResume
        let headerEnd: Int
        while true {
            guard let lineFeed = StreamHeaderSection.firstLineFeed(bytes, from: lineStart) else {
                headerScanResume = lineStart
                if bytes.count > maximumLength {
                    reset()
                    return .lostSync(discard: lineLength)
                }
                return .needMore
            }
            var contentEnd = lineFeed
            if contentEnd > lineStart, bytes.u8(at: contentEnd - 1) == 0x0D { contentEnd -= 1 }
            if contentEnd == lineStart {
                headerEnd = lineFeed + 1
                break
            }
            if contentLength == .missing,
                let found = StreamHeaderSection.contentLength(
                    line: lineStart..<contentEnd,
                    in: bytes,
                    limit: maximumLength
                )
            {
                contentLength = found
            }
            lineStart = lineFeed + 1
        }
        guard headerEnd <= maximumLength else {
            reset()
            return .lostSync(discard: lineLength)
        }
        let length = contentLength
        switch length {
        case .value(let bodyLength) where bodyLength <= maximumLength - headerEnd:
            if bytes.count >= headerEnd + bodyLength {
                reset()
                return .message(length: headerEnd + bodyLength, hasContentLength: true)
            }
            pendingBody = PendingBody(headerLength: headerEnd, contentLength: bodyLength)
            return .needMore
        case .value, .tooLarge:
            reset()
            return .lostSync(discard: lineLength)
        case .missing, .invalid:
            reset()
            return .message(length: headerEnd, hasContentLength: false)
        }
    }
}
