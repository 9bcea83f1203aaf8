/// Finds where decodable content starts again in a stream whose framing was lost: after a
/// gap, after garbage, or when the capture began in the middle of a connection.
///
/// Candidates are checked strictly, so that message bodies and random bytes are passed
/// over:
/// - a SIP start line (``SIPStartLine``): status lines are found at `SIP/2.0 SP`; request
///   lines at `SP SIP/2.0` followed by a line ending, walking back over the Request-URI and
///   the method, so that a message is found even right after a body without a final line
///   ending (when the token before the URI is not a known method but ends with one, as in
///   `...endofbodyINVITE sip:...`, the known method is taken as the start);
/// - a HEP3 packet: `HEP3` or `EEP3` and a total length of at least the 6 header bytes;
/// - a WebSocket frame starting a text or binary message whose payload starts with a SIP
///   start line (``WebSocketFrameHeader/startsSIPMessage(_:maximumPayload:)``).
///
/// The scan is incremental: the caller passes where the previous scan left off, and may
/// drop the bytes the result says cannot be part of a later match.
enum StreamResyncScanner {
    /// What to look for.
    struct Targets: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        static let sip = Targets(rawValue: 1)
        static let hep = Targets(rawValue: 2)
        static let webSocket = Targets(rawValue: 4)
    }

    /// What was found.
    enum Kind: Hashable, Sendable {
        case sip
        case hep
        case webSocket
    }

    /// The outcome of a scan.
    enum Result: Hashable, Sendable {
        /// Decodable content of `kind` starts at `position`.
        case found(position: Int, kind: Kind)
        /// Nothing yet. The bytes before `discardable` can be dropped; scanning must resume
        /// at `resume` (at or after `discardable`) when more bytes arrive.
        case notFound(discardable: Int, resume: Int)
    }

    private enum Candidate {
        case none
        case pending(Int)
        case found(Int)
    }

    /// Scans `bytes` from `start` for the first candidate of the given kinds.
    static func scan(
        _ bytes: UnsafeRawBufferPointer,
        from start: Int,
        targets: Targets,
        maximumWebSocketPayload: Int
    ) -> Result {
        var firstPending: Int?
        var index = max(start, 0)
        while let byte = bytes.u8(at: index) {
            var candidate = Candidate.none
            var kind = Kind.sip
            if byte == 0x53 || byte == 0x73, targets.contains(.sip) {
                candidate = sipCandidate(bytes, at: index)
            } else if byte == 0x48 || byte == 0x45, targets.contains(.hep) {
                candidate = hepCandidate(bytes, at: index)
                kind = .hep
            } else if byte & 0x7F == 0x01 || byte & 0x7F == 0x02, targets.contains(.webSocket) {
                switch WebSocketFrameHeader.startsSIPMessage(
                    bytes.slice(from: index),
                    maximumPayload: maximumWebSocketPayload
                ) {
                case .some(true): candidate = .found(index)
                case .none: candidate = .pending(index)
                case .some(false): candidate = .none
                }
                kind = .webSocket
            }
            switch candidate {
            case .none:
                break
            case .pending(let position):
                if firstPending == nil { firstPending = position }
            case .found(let position):
                if let pending = firstPending, pending < position {
                    return .notFound(
                        discardable: discardable(bytes, before: pending, targets: targets),
                        resume: pending
                    )
                }
                return .found(position: position, kind: kind)
            }
            index += 1
        }
        let resume = firstPending ?? bytes.count
        return .notFound(discardable: discardable(bytes, before: resume, targets: targets), resume: resume)
    }

    /// How many leading bytes cannot belong to a candidate at or after `limit`. A request
    /// line is only recognised once its `SIP/2.0` arrives, so the printable run just
    /// before `limit` (at most one start line long) is kept.
    private static func discardable(_ bytes: UnsafeRawBufferPointer, before limit: Int, targets: Targets) -> Int {
        guard targets.contains(.sip) else { return limit }
        var keep = limit
        let floor = max(limit - SIPStartLine.maximumLength, 0)
        while keep > floor, let byte = bytes.u8(at: keep - 1), byte >= 0x20, byte < 0x7F {
            keep -= 1
        }
        return keep
    }

    /// A SIP start line around the `S` of a `SIP/2.0` at `index`.
    private static func sipCandidate(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Candidate {
        let plain = PlainStartLineBytes(bytes: bytes)
        switch SIPStartLine.versionMatch(plain, at: index) {
        case .none: return .pending(index)
        case .some(false): return .none
        case .some(true): break
        }
        guard let next = bytes.u8(at: index + 7) else { return .pending(index) }
        if next == 0x20 {
            return verify(bytes, at: index)
        }
        guard next == 0x0D || next == 0x0A else { return .none }
        // A request line ends here: walk back over " Request-URI " and the method.
        guard bytes.u8(at: index - 1) == 0x20 else { return .none }
        let floor = max(index - SIPStartLine.maximumLength, 0)
        var uriStart = index - 1
        while uriStart > floor, let byte = bytes.u8(at: uriStart - 1), byte > 0x20, byte < 0x7F {
            uriStart -= 1
        }
        guard uriStart < index - 1, bytes.u8(at: uriStart - 1) == 0x20 else { return .none }
        var methodStart = uriStart - 1
        while methodStart > floor, let byte = bytes.u8(at: methodStart - 1), SIPStartLine.isTokenCharacter(byte) {
            methodStart -= 1
        }
        guard methodStart < uriStart - 1 else { return .none }
        let method = methodStart..<(uriStart - 1)
        return verify(bytes, at: SIPStartLine.knownMethodStart(bytes, method: method) ?? methodStart)
    }

    private static func verify(_ bytes: UnsafeRawBufferPointer, at position: Int) -> Candidate {
        switch SIPStartLine.match(bytes.slice(from: position)) {
        case .sip: .found(position)
        case .incomplete: .pending(position)
        case .notSIP: .none
        }
    }

    /// `HEP3` or `EEP3` with a total length that covers its header and a first chunk whose
    /// header is a generic one (vendor 0, type 1 to 63, length at least 6): stricter than
    /// framing needs, because the magic alone could be text inside a SIP body.
    private static func hepCandidate(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Candidate {
        let packet = bytes.slice(from: index)
        switch HEPStreamFramer.packetLength(packet) {
        case .needMore:
            return .pending(index)
        case .notHEP:
            return .none
        case .length(let length):
            guard length >= 12 else { return .none }
            guard let vendor = packet.u16(at: 6), let type = packet.u16(at: 8), let chunkLength = packet.u16(at: 10)
            else {
                return .pending(index)
            }
            return vendor == 0 && (1...63).contains(type) && chunkLength >= 6 ? .found(index) : .none
        }
    }
}
