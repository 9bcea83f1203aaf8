/// The line-by-line state machine behind ``SDPSession/parse(_:limits:)`` (RFC 8866 section 5).
///
/// Lines are `<type>=<value>` ended by CRLF (LF tolerated, RFC 8866 section 5). Session-level
/// lines come first, then one media description per `m=` line. Anything unexpected is noted
/// and skipped, so one bad line never hides the rest of the description. Every line is read
/// once, on the message bytes, and its typed meaning stored (``SDPDecodedAttributes``).
struct SDPSessionParser {
    let limits: SIPParseLimits
    /// The message offset of the body's first byte: buffer index 0 is this offset.
    let base: Int
    /// The session so far; the media description being read is the last of `session.media`,
    /// mutated in place there (an `Optional<SDPMedia>` on the side would be copied per line).
    private var session = SDPSession(version: nil)
    private var notes: [SIPParseNote] = []
    /// One bit per line type letter seen (`A` to `z`, bit `type - 0x41`).
    private var seen: UInt64 = 0
    private var lineCount = 0

    init(limits: SIPParseLimits, base: Int) {
        self.limits = limits
        self.base = base
    }

    mutating func parse(_ bytes: SDPBytes) throws(SIPParseError) -> SDPSession {
        var index = bytes.startIndex
        var bareLF: Int?
        var emptyLine: Int?
        var garbage: Int?
        var sawLine = false
        while index < bytes.endIndex {
            let lineStart = index
            let offset = base + lineStart
            var contentEnd = bytes.endIndex
            if let newline = bytes[index...].firstIndex(of: 0x0A) {
                contentEnd = newline
                index = newline + 1
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D {
                    contentEnd -= 1
                } else if bareLF == nil {
                    bareLF = offset
                }
            } else {
                index = bytes.endIndex
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                note("the last SDP line is not ended by CRLF (RFC 8866 section 5)", offset)
            }
            lineCount += 1
            guard lineCount <= limits.maxSDPLines else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxSDPLines) SDP lines (limit maxSDPLines)",
                    offset: offset
                )
            }
            let line = bytes[lineStart..<contentEnd]
            guard !line.allSatisfy(SIPScanner.isWhitespace) else {
                if emptyLine == nil { emptyLine = offset }
                continue
            }
            guard let (type, value) = Self.split(line) else {
                guard sawLine else {
                    throw SIPParseError(
                        .invalidBody,
                        "not an SDP body: the first line is not <type>=<value> (RFC 8866 section 5)",
                        offset: offset
                    )
                }
                if garbage == nil { garbage = offset }
                continue
            }
            if value.startIndex != lineStart + 2 {
                note("white space around '=' (RFC 8866 section 5 allows none)", offset)
            }
            if !sawLine, type != 0x76 {
                note("the first SDP line is not v= (RFC 8866 section 5)", offset)
            }
            sawLine = true
            try handle(type: type, value: value, offset: offset)
            if type == 0x6D { reserveMediaAttributes(bytes[index...]) }
        }
        guard sawLine else {
            throw SIPParseError(
                .invalidBody,
                "not an SDP body: no <type>=<value> line (RFC 8866 section 5)",
                offset: base + bytes.startIndex
            )
        }
        if seen & Self.mandatory != Self.mandatory {
            for type: UInt8 in [0x76, 0x6F, 0x73, 0x74] where !hasSeen(type) {
                note("mandatory \(Character(Unicode.Scalar(type)))= line is missing (RFC 8866 section 5)", nil)
            }
        }
        if let bareLF {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "SDP lines end with LF instead of CRLF (RFC 8866 section 5 tolerates it)",
                    offset: bareLF,
                    isViolation: false
                )
            )
        }
        if let emptyLine { note("empty line in SDP ignored (RFC 8866 section 5 has none)", emptyLine) }
        if let garbage { note("lines that are not <type>=<value> ignored (RFC 8866 section 5)", garbage) }
        session.notes = notes
        // Hand the session over without copying it (a copy retains every string and array).
        var result = SDPSession(version: nil)
        swap(&result, &session)
        return result
    }

    /// Sizes the attribute arrays of the media description just started once, for the `a=`
    /// lines in `rest` up to the next `m=` line (RFC 8866 section 5: they belong to it), rather
    /// than letting them grow one line at a time. A count that is off only costs a regrowth.
    private mutating func reserveMediaAttributes(_ rest: SDPBytes) {
        guard let last = session.media.indices.last else { return }
        var attributes = 0
        var rtpMaps = 0
        var fmtps = 0
        var lineStart = rest.startIndex
        while lineStart < rest.endIndex, attributes < limits.maxSDPLines {
            let type = rest[lineStart]
            if type == 0x6D { break }
            if type == 0x61 {
                attributes += 1
                if Self.hasPrefix(rest, at: lineStart, Self.rtpmapPrefix) {
                    rtpMaps += 1
                } else if Self.hasPrefix(rest, at: lineStart, Self.fmtpPrefix) {
                    fmtps += 1
                }
            }
            // To the byte after the next LF (a plain loop: `firstIndex(of:)` on a sub-slice costs
            // several times more per byte here).
            while lineStart < rest.endIndex, rest[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
        }
        session.media[last].decodedAttributes.reserve(attributes: attributes, rtpMaps: rtpMaps, fmtps: fmtps)
    }

    /// `a=rtpmap:` and `a=fmtp:`, the lines ``reserveMediaAttributes(_:)`` counts apart.
    private static let rtpmapPrefix = Array("a=rtpmap:".utf8)
    private static let fmtpPrefix = Array("a=fmtp:".utf8)

    /// Whether `bytes` hold `prefix` at `position`; every index is checked against `endIndex`.
    private static func hasPrefix(_ bytes: SDPBytes, at position: Int, _ prefix: [UInt8]) -> Bool {
        guard position >= bytes.startIndex, bytes.endIndex - position >= prefix.count else { return false }
        var index = position
        for expected in prefix {
            guard bytes[index] == expected else { return false }
            index += 1
        }
        return true
    }

    /// `<letter>=<value>`, tolerating white space before `=`. `nil` when the line is not one.
    private static func split(_ line: SDPBytes) -> (UInt8, SDPBytes)? {
        guard let type = line.first, (0x61...0x7A).contains(type) || (0x41...0x5A).contains(type) else {
            return nil
        }
        var position = line.startIndex + 1
        while position < line.endIndex, SDPText.isBlank(line[position]) { position += 1 }
        guard position < line.endIndex, line[position] == 0x3D else { return nil }
        return (type, line[(position + 1)..<line.endIndex])
    }

    /// The bits of v=, o=, s= and t=, the lines every description has (RFC 8866 section 5).
    private static let mandatory: UInt64 =
        1 << (0x76 - 0x41) | 1 << (0x6F - 0x41) | 1 << (0x73 - 0x41) | 1 << (0x74 - 0x41)

    /// Whether a line of `type` (a letter, as ``split(_:)`` guarantees) was seen.
    private func hasSeen(_ type: UInt8) -> Bool {
        seen & (1 << UInt64(type &- 0x41)) != 0
    }

    private mutating func note(_ message: String, _ offset: Int?, isViolation: Bool = true) {
        notes.append(SIPParseNote(.invalidBody, message, offset: offset, isViolation: isViolation))
    }

    private mutating func noteError(_ error: SIPParseError, _ offset: Int) {
        notes.append(SIPParseNote(error.code, error.reason, offset: error.offset ?? offset))
    }

    private mutating func handle(type: UInt8, value: SDPBytes, offset: Int) throws(SIPParseError) {
        let isRepeat = hasSeen(type)
        seen |= 1 << UInt64(type &- 0x41)
        switch type {
        case 0x76, 0x6F, 0x73, 0x75, 0x65, 0x70, 0x74, 0x72, 0x7A:  // v o s u e p t r z
            if !session.media.isEmpty {
                note(
                    "\(Character(Unicode.Scalar(type)))= line inside a media description "
                        + "(RFC 8866 section 5 allows it only before m=)",
                    offset
                )
            }
            handleSessionOnly(type, value: value, offset: offset, isRepeat: isRepeat)
        case 0x69:  // i
            if let last = session.media.indices.last {
                session.media[last].information = SDPText.string(value)
            } else {
                session.information = SDPText.string(value)
            }
        case 0x63:  // c
            do {
                let connection = try SDPConnection.parse(value, offset: offset, notes: &notes)
                if let last = session.media.indices.last {
                    session.media[last].connections.append(connection)
                } else if session.connection != nil {
                    note("more than one session-level c= line; the first is kept (RFC 8866 section 5)", offset)
                } else {
                    session.connection = connection
                }
            } catch {
                noteError(error, offset)
            }
        case 0x62:  // b
            do {
                let bandwidth = try SDPBandwidth.parse(value, offset: offset)
                if let last = session.media.indices.last {
                    session.media[last].bandwidths.append(bandwidth)
                } else {
                    session.bandwidths.append(bandwidth)
                }
            } catch {
                noteError(error, offset)
            }
        case 0x6B:  // k
            // Only the method is kept: the key after the colon is secret (RFC 8866 section 5.12).
            let method = SDPText.string(SDPText.splitOnce(value, at: 0x3A).0)
            note("k= is obsolete (RFC 8866 section 5.12)", offset, isViolation: false)
            if let last = session.media.indices.last {
                session.media[last].keyMethod = method
            } else {
                session.keyMethod = method
            }
        case 0x61:  // a
            handleAttribute(value, offset: offset)
        case 0x6D:  // m
            session.media.append(SDPMedia.parse(value, offset: offset, notes: &notes))
        default:
            note("unknown SDP line type '\(Character(Unicode.Scalar(type)))=' ignored (RFC 8866 section 5)", offset)
        }
    }

    private mutating func handleSessionOnly(_ type: UInt8, value: SDPBytes, offset: Int, isRepeat: Bool) {
        // v, o, s, u and z appear at most once (RFC 8866 section 9 session-description).
        let once = type == 0x76 || type == 0x6F || type == 0x73 || type == 0x75 || type == 0x7A
        if isRepeat, once {
            note("repeated \(Character(Unicode.Scalar(type)))= line; the first is kept (RFC 8866 section 5)", offset)
            return
        }
        switch type {
        case 0x76:  // v
            session.version = SDPText.decimal(SDPText.trimmed(value))
            if session.version != 0 {
                note("v=\(SDPText.string(value)) is not version 0 (RFC 8866 section 5.1)", offset)
            }
        case 0x6F:  // o
            do {
                session.origin = try SDPOrigin.parse(value, offset: offset, notes: &notes)
            } catch {
                noteError(error, offset)
            }
        case 0x73:  // s
            session.sessionName = SDPText.token(value)
            if SDPText.trimmed(value).isEmpty {
                note("s= is empty; RFC 8866 section 5.3 asks for at least one character ('-')", offset)
            }
        case 0x75:  // u
            session.uri = SDPText.string(value)
        case 0x65:  // e
            session.emails.append(SDPText.string(value))
        case 0x70:  // p
            session.phones.append(SDPText.string(value))
        case 0x74:  // t
            do {
                session.timings.append(try SDPTiming.parse(value, offset: offset))
            } catch {
                noteError(error, offset)
            }
        case 0x72:  // r
            if session.timings.isEmpty {
                note("r= without a preceding t= ignored (RFC 8866 section 5.10)", offset)
            } else {
                session.timings[session.timings.count - 1].repeatTimes.append(SDPText.string(value))
            }
        default:  // z
            session.timeZones = SDPText.string(value)
        }
    }

    /// `a=<name>[:<value>]` (RFC 8866 section 5.13), decoded into the attributes of the level
    /// being read: the last media description's, else the session's (RFC 8866 section 5: a=
    /// lines belong to the m= line before them).
    private mutating func handleAttribute(_ value: SDPBytes, offset: Int) {
        let (name, attributeValue) = SDPText.splitOnce(value, at: 0x3A)
        guard !name.isEmpty else {
            note("a= without an attribute name ignored (RFC 8866 section 5.13)", offset)
            return
        }
        // `session` and `notes` are distinct stored properties, so both can be borrowed at once
        // (a closure over `self` would not allow it, and cost a context and a notes array).
        if let last = session.media.indices.last {
            session.media[last].decodedAttributes.add(
                name: name,
                value: attributeValue,
                offset: offset,
                limits: limits,
                notes: &notes
            )
        } else {
            session.decodedAttributes.add(
                name: name,
                value: attributeValue,
                offset: offset,
                limits: limits,
                notes: &notes
            )
        }
    }
}
