/// The line-by-line state machine behind ``SDPSession/parse(_:limits:)`` (RFC 8866 section 5).
///
/// Lines are `<type>=<value>` ended by CRLF (LF tolerated, RFC 8866 section 5). Session-level
/// lines come first, then one media description per `m=` line. Anything unexpected is noted
/// and skipped, so one bad line never hides the rest of the description. Every line is checked
/// once, on the message bytes, with every note made here; what is kept is only where each line
/// is (``SDPLineRecord``): the values are decoded from there when read (``SDPParsedBody``).
struct SDPSessionParser {
    let limits: SIPParseLimits
    /// The message offset of the body's first byte: buffer index 0 is this offset.
    let base: Int
    private var notes: [SIPParseNote] = []
    private var lines: [SDPLineRecord] = []
    /// Whether an `m=` line was seen: later lines belong to a media description.
    private var inMedia = false
    /// How many `t=` lines parsed, which `r=` lines need before them (RFC 8866 section 5.10).
    private var timingCount = 0
    /// Whether a session-level `c=` line parsed: a second one is noted (RFC 8866 section 5).
    private var hasSessionConnection = false
    /// One bit per line type letter seen (`A` to `z`, bit `type - 0x41`).
    private var seen: UInt64 = 0
    private var lineCount = 0

    init(limits: SIPParseLimits, base: Int) {
        self.limits = limits
        self.base = base
    }

    /// Checks every line of `bytes`, and returns where the lines are and the notes.
    mutating func parse(_ bytes: SDPBytes) throws(SIPParseError) -> (lines: [SDPLineRecord], notes: [SIPParseNote]) {
        // About one line per 16 bytes or more: one allocation for most bodies.
        lines.reserveCapacity(bytes.count / 16 + 4)
        var index = bytes.startIndex
        var bareLF: Int?
        var emptyLine: Int?
        var garbage: Int?
        var sawLine = false
        while index < bytes.endIndex {
            let lineStart = index
            let offset = base + lineStart
            var contentEnd = bytes.endIndex
            if let newline = SDPText.firstIndex(of: 0x0A, in: bytes, from: index) {
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
            // A line starting with a letter is not blank: only others need the whole scan.
            let startsWithLetter = line.first.map { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A } ?? false
            guard startsWithLetter || !line.allSatisfy(SIPScanner.isWhitespace) else {
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
        return (lines, notes)
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
        var record = SDPLineRecord(start: value.startIndex, end: value.endIndex, type: type)
        switch type {
        case 0x76, 0x6F, 0x73, 0x75, 0x65, 0x70, 0x74, 0x72, 0x7A:  // v o s u e p t r z
            if inMedia {
                note(
                    "\(Character(Unicode.Scalar(type)))= line inside a media description "
                        + "(RFC 8866 section 5 allows it only before m=)",
                    offset
                )
            }
            checkSessionOnly(type, value: value, offset: offset, isRepeat: isRepeat)
        case 0x69:  // i
            break
        case 0x63:  // c
            do {
                try SDPConnection.check(value, offset: offset, notes: &notes)
                if inMedia {
                    // Every media-level c= is kept (RFC 8866 section 5.7: several for multicast).
                } else if hasSessionConnection {
                    note("more than one session-level c= line; the first is kept (RFC 8866 section 5)", offset)
                } else {
                    hasSessionConnection = true
                }
            } catch {
                noteError(error, offset)
            }
        case 0x62:  // b
            do {
                _ = try SDPBandwidth.parse(value, offset: offset)
            } catch {
                noteError(error, offset)
            }
        case 0x6B:  // k
            note("k= is obsolete (RFC 8866 section 5.12)", offset, isViolation: false)
        case 0x61:  // a
            guard checkAttribute(value, offset: offset, record: &record) else { return }
        case 0x6D:  // m
            SDPMedia.check(value, offset: offset, notes: &notes)
            inMedia = true
        default:
            note("unknown SDP line type '\(Character(Unicode.Scalar(type)))=' ignored (RFC 8866 section 5)", offset)
            return
        }
        lines.append(record)
    }

    private mutating func checkSessionOnly(_ type: UInt8, value: SDPBytes, offset: Int, isRepeat: Bool) {
        // v, o, s, u and z appear at most once (RFC 8866 section 9 session-description).
        let once = type == 0x76 || type == 0x6F || type == 0x73 || type == 0x75 || type == 0x7A
        if isRepeat, once {
            note("repeated \(Character(Unicode.Scalar(type)))= line; the first is kept (RFC 8866 section 5)", offset)
            return
        }
        switch type {
        case 0x76:  // v
            if SDPText.decimal(SDPText.trimmed(value)) != 0 {
                note("v=\(SDPText.string(value)) is not version 0 (RFC 8866 section 5.1)", offset)
            }
        case 0x6F:  // o
            do {
                try SDPOrigin.check(value, offset: offset, notes: &notes)
            } catch {
                noteError(error, offset)
            }
        case 0x73:  // s
            if SDPText.trimmed(value).isEmpty {
                note("s= is empty; RFC 8866 section 5.3 asks for at least one character ('-')", offset)
            }
        case 0x74:  // t
            do {
                _ = try SDPTiming.parse(value, offset: offset)
                timingCount += 1
            } catch {
                noteError(error, offset)
            }
        case 0x72:  // r
            if timingCount == 0 {
                note("r= without a preceding t= ignored (RFC 8866 section 5.10)", offset)
            }
        default:  // u e p z: any text
            break
        }
    }

    /// Checks `a=<name>[:<value>]` (RFC 8866 section 5.13) and sets what `record` says of a
    /// known attribute; `false` for a line without a name, which no level keeps.
    private mutating func checkAttribute(_ value: SDPBytes, offset: Int, record: inout SDPLineRecord) -> Bool {
        let (name, attributeValue) = SDPText.splitOnce(value, at: 0x3A)
        guard !name.isEmpty else {
            note("a= without an attribute name ignored (RFC 8866 section 5.13)", offset)
            return false
        }
        SDPDecodedAttributes.check(
            name: name,
            value: attributeValue,
            offset: offset,
            limits: limits,
            record: &record,
            notes: &notes
        )
        return true
    }
}
