/// The line-by-line state machine behind ``SDPSession/parse(_:limits:)`` (RFC 8866 section 5).
///
/// Lines are `<type>=<value>` ended by CRLF (LF tolerated, RFC 8866 section 5). Session-level
/// lines come first, then one media description per `m=` line. Anything unexpected is noted
/// and skipped, so one bad line never hides the rest of the description.
struct SDPSessionParser {
    let limits: SIPParseLimits
    private var session = SDPSession(version: nil)
    private var currentMedia: SDPMedia?
    private var notes: [SIPParseNote] = []
    private var seen: Set<UInt8> = []
    private var lineCount = 0

    init(limits: SIPParseLimits) {
        self.limits = limits
    }

    mutating func parse(_ bytes: ArraySlice<UInt8>) throws(SIPParseError) -> SDPSession {
        var index = bytes.startIndex
        var bareLF: Int?
        var emptyLine: Int?
        var garbage: Int?
        var sawLine = false
        while index < bytes.endIndex {
            let lineStart = index
            var contentEnd = bytes.endIndex
            if let newline = bytes[index...].firstIndex(of: 0x0A) {
                contentEnd = newline
                index = newline + 1
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D {
                    contentEnd -= 1
                } else if bareLF == nil {
                    bareLF = lineStart
                }
            } else {
                index = bytes.endIndex
                if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                note("the last SDP line is not ended by CRLF (RFC 8866 section 5)", lineStart)
            }
            lineCount += 1
            guard lineCount <= limits.maxSDPLines else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxSDPLines) SDP lines (limit maxSDPLines)",
                    offset: lineStart
                )
            }
            let line = bytes[lineStart..<contentEnd]
            guard !line.allSatisfy(SIPScanner.isWhitespace) else {
                if emptyLine == nil { emptyLine = lineStart }
                continue
            }
            guard let (type, value) = Self.split(line) else {
                guard sawLine else {
                    throw SIPParseError(
                        .invalidBody,
                        "not an SDP body: the first line is not <type>=<value> (RFC 8866 section 5)",
                        offset: lineStart
                    )
                }
                if garbage == nil { garbage = lineStart }
                continue
            }
            if line.count > 2, line.dropFirst().first != 0x3D {
                note("white space around '=' (RFC 8866 section 5 allows none)", lineStart)
            }
            if !sawLine, type != 0x76 {
                note("the first SDP line is not v= (RFC 8866 section 5)", lineStart)
            }
            sawLine = true
            try handle(type: type, value: SDPText.string(value)[...], offset: lineStart)
        }
        guard sawLine else {
            throw SIPParseError(
                .invalidBody,
                "not an SDP body: no <type>=<value> line (RFC 8866 section 5)",
                offset: bytes.startIndex
            )
        }
        if let media = currentMedia { session.media.append(media) }
        for (type, name) in [(0x76, "v="), (0x6F, "o="), (0x73, "s="), (0x74, "t=")] where !seen.contains(UInt8(type)) {
            note("mandatory \(name) line is missing (RFC 8866 section 5)", nil)
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
        return session
    }

    /// `<letter>=<value>`, tolerating white space before `=`. `nil` when the line is not one.
    private static func split(_ line: ArraySlice<UInt8>) -> (UInt8, ArraySlice<UInt8>)? {
        guard let type = line.first, (0x61...0x7A).contains(type) || (0x41...0x5A).contains(type) else {
            return nil
        }
        var position = line.startIndex + 1
        while position < line.endIndex, line[position] == 0x20 || line[position] == 0x09 { position += 1 }
        guard position < line.endIndex, line[position] == 0x3D else { return nil }
        return (type, line[(position + 1)...])
    }

    private mutating func note(_ message: String, _ offset: Int?, isViolation: Bool = true) {
        notes.append(SIPParseNote(.invalidBody, message, offset: offset, isViolation: isViolation))
    }

    private mutating func noteError(_ error: SIPParseError, prefix: String, _ offset: Int) {
        notes.append(SIPParseNote(error.code, "\(prefix)\(error.reason)", offset: error.offset ?? offset))
    }

    private mutating func handle(type: UInt8, value: Substring, offset: Int) throws(SIPParseError) {
        let inMedia = currentMedia != nil
        let isRepeat = seen.contains(type)
        seen.insert(type)
        let letter = Character(Unicode.Scalar(type))
        switch letter {
        case "v", "o", "s", "u", "e", "p", "t", "r", "z":
            if inMedia {
                note("\(letter)= line inside a media description (RFC 8866 section 5 allows it only before m=)", offset)
            }
            handleSessionOnly(letter, value: value, offset: offset, isRepeat: isRepeat)
        case "i":
            if currentMedia != nil {
                currentMedia?.information = String(value)
            } else {
                session.information = String(value)
            }
        case "c":
            do {
                let connection = try SDPConnection.parse(value, offset: offset, notes: &notes)
                if currentMedia != nil {
                    currentMedia?.connections.append(connection)
                } else {
                    if session.connection != nil {
                        note("more than one session-level c= line; the first is kept (RFC 8866 section 5)", offset)
                    }
                    session.connection = session.connection ?? connection
                }
            } catch {
                noteError(error, prefix: "", offset)
            }
        case "b":
            do {
                let bandwidth = try SDPBandwidth.parse(value, offset: offset)
                if currentMedia != nil {
                    currentMedia?.bandwidths.append(bandwidth)
                } else {
                    session.bandwidths.append(bandwidth)
                }
            } catch {
                noteError(error, prefix: "", offset)
            }
        case "k":
            // Only the method is kept: the key after the colon is secret (RFC 8866 section 5.12).
            let method = String(SDPText.splitOnce(value, at: ":").0)
            note("k= is obsolete (RFC 8866 section 5.12)", offset, isViolation: false)
            if currentMedia != nil {
                currentMedia?.keyMethod = method
            } else {
                session.keyMethod = method
            }
        case "a":
            try handleAttribute(value, offset: offset)
        case "m":
            if let media = currentMedia { session.media.append(media) }
            currentMedia = SDPMedia.parse(value, offset: offset, notes: &notes)
        default:
            note("unknown SDP line type '\(letter)=' ignored (RFC 8866 section 5)", offset)
        }
    }

    private mutating func handleSessionOnly(_ letter: Character, value: Substring, offset: Int, isRepeat: Bool) {
        let once: Set<Character> = ["v", "o", "s", "u", "z"]
        if isRepeat, once.contains(letter) {
            note("repeated \(letter)= line; the first is kept (RFC 8866 section 5)", offset)
            return
        }
        switch letter {
        case "v":
            session.version = SDPText.decimal(SDPText.trimmed(value))
            if session.version != 0 {
                note("v=\(value) is not version 0 (RFC 8866 section 5.1)", offset)
            }
        case "o":
            do {
                session.origin = try SDPOrigin.parse(value, offset: offset, notes: &notes)
            } catch {
                noteError(error, prefix: "", offset)
            }
        case "s":
            session.sessionName = String(value)
            if SDPText.trimmed(value).isEmpty {
                note("s= is empty; RFC 8866 section 5.3 asks for at least one character ('-')", offset)
            }
        case "u":
            session.uri = String(value)
        case "e":
            session.emails.append(String(value))
        case "p":
            session.phones.append(String(value))
        case "t":
            do {
                session.timings.append(try SDPTiming.parse(value, offset: offset))
            } catch {
                noteError(error, prefix: "", offset)
            }
        case "r":
            if session.timings.isEmpty {
                note("r= without a preceding t= ignored (RFC 8866 section 5.10)", offset)
            } else {
                session.timings[session.timings.count - 1].repeatTimes.append(String(value))
            }
        default:
            session.timeZones = String(value)
        }
    }

    private mutating func handleAttribute(_ value: Substring, offset: Int) throws(SIPParseError) {
        let (name, attributeValue) = SDPText.splitOnce(value, at: ":")
        guard !name.isEmpty else {
            note("a= without an attribute name ignored (RFC 8866 section 5.13)", offset)
            return
        }
        let attribute = SDPAttribute(name: String(name), value: attributeValue.map(String.init))
        validate(attribute, offset: offset)
        if currentMedia != nil {
            currentMedia?.attributes.append(attribute)
        } else {
            session.attributes.append(attribute)
        }
    }

    /// Checks the attributes that have typed accessors, so a value the accessor will skip is
    /// reported once, with its line.
    private mutating func validate(_ attribute: SDPAttribute, offset: Int) {
        let name = attribute.name.lowercased()
        let needsValue: Set<String> = [
            "rtpmap", "fmtp", "ptime", "maxptime", "candidate", "crypto", "fingerprint", "rtcp", "setup", "mid",
            "ice-ufrag", "ice-pwd",
        ]
        guard let value = attribute.value else {
            if needsValue.contains(name) { note("a=\(attribute.name) has no value (RFC 8866 section 6)", offset) }
            return
        }
        do {
            switch name {
            case "rtpmap":
                let map = try SDPRTPMap.parse(value)
                if map.clockRate == nil {
                    note(
                        "a=rtpmap:\(map.payloadType) \(map.encodingName) has no clock rate (RFC 8866 section 6.6)",
                        offset
                    )
                }
            case "ptime", "maxptime":
                if SDPText.positiveNumber(value) == nil {
                    note(
                        "a=\(attribute.name) '\(value)' is not a positive number of milliseconds (RFC 8866 section 6.4)",
                        offset
                    )
                }
            case "fmtp":
                if SDPText.fields(value).isEmpty { note("a=fmtp has no format (RFC 8866 section 6.15)", offset) }
            case "candidate":
                _ = try SDPCandidate.parse(value, limits: limits)
            case "crypto":
                _ = try SDPCrypto.parse(value)
            case "fingerprint":
                _ = try SDPFingerprint.parse(value)
            case "rtcp":
                _ = try SDPRTCP.parse(value)
            case "setup":
                let role = SDPText.trimmed(value[...]).lowercased()
                if !["active", "passive", "actpass", "holdconn"].contains(role) {
                    note("a=setup '\(value)' is not active, passive, actpass or holdconn (RFC 4145 section 4)", offset)
                }
            default:
                if SDPDirection(rawValue: name) != nil {
                    note("a=\(attribute.name) takes no value (RFC 8866 section 6.7)", offset)
                }
            }
        } catch {
            noteError(error, prefix: "a=\(attribute.name) ignored: ", offset)
        }
    }
}
