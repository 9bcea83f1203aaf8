/// Decides what one direction of a TCP connection carries from its first bytes.
///
/// Checked in order: a TLS record header (RFC 8446 section 5.1), a HEP3 packet, a WebSocket
/// frame whose payload starts with a SIP start line (for captures that begin after the
/// upgrade; RFC 7118), an HTTP/1.1 request or a `101` response (the WebSocket opening
/// handshake, RFC 6455 section 4), and a SIP start line. Leading whitespace is the
/// caller's to skip.
enum StreamClassifier {
    /// What the direction carries.
    enum Kind: Hashable, Sendable {
        case tls
        case hep
        case webSocket
        /// An HTTP/1.x request (`GET ... HTTP/1.1`): maybe a WebSocket upgrade.
        case httpRequest
        /// `HTTP/1.1 101`: the server side of a WebSocket upgrade.
        case httpSwitchingProtocols
        case sip
        /// None of the above.
        case other
        /// The bytes agree with something so far; more are needed.
        case needMore
    }

    /// Classifies the first bytes of a direction (after any leading whitespace).
    static func classify(_ bytes: UnsafeRawBufferPointer, maximumWebSocketPayload: Int) -> Kind {
        var undecided = false
        switch TLSRecordCounter.startsRecord(bytes) {
        case .some(true): return .tls
        case .none: undecided = true
        case .some(false): break
        }
        switch HEPStreamFramer.packetLength(bytes) {
        case .length: return .hep
        case .needMore: undecided = true
        case .notHEP: break
        }
        switch WebSocketFrameHeader.startsSIPMessage(bytes, maximumPayload: maximumWebSocketPayload) {
        case .some(true): return .webSocket
        case .none: undecided = true
        case .some(false): break
        }
        switch httpRequest(bytes) {
        case .some(true): return .httpRequest
        case .none: undecided = true
        case .some(false): break
        }
        switch prefix(bytes, "HTTP/1.1 101 ") {
        case .some(true): return .httpSwitchingProtocols
        case .none: undecided = true
        case .some(false): break
        }
        switch SIPStartLine.match(bytes) {
        case .sip: return .sip
        case .incomplete: undecided = true
        case .notSIP: break
        }
        return undecided ? .needMore : .other
    }

    /// `GET SP request-target SP HTTP/1.x` and a line ending (RFC 9112 section 3; RFC 6455
    /// section 4.1 requires GET and HTTP/1.1 for the opening handshake).
    private static func httpRequest(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        switch prefix(bytes, "GET ") {
        case .some(true): break
        case .none: return nil
        case .some(false): return false
        }
        let limit = min(bytes.count, SIPStartLine.maximumLength)
        guard let lineFeed = StreamHeaderSection.firstLineFeed(bytes.prefix(upTo: limit), from: 4) else {
            return bytes.count >= SIPStartLine.maximumLength ? false : nil
        }
        var contentEnd = lineFeed
        if bytes.u8(at: contentEnd - 1) == 0x0D { contentEnd -= 1 }
        guard contentEnd >= 4 + 9 else { return false }
        return prefix(bytes.slice(from: contentEnd - 9), " HTTP/1.") == true
    }

    /// Whether `bytes` start with `literal`; `nil` when they end first while agreeing.
    static func prefix(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool? {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for index in 0..<expected.count {
            guard let byte = bytes.u8(at: index) else { return nil }
            if byte != expected[index] { return false }
        }
        return true
    }
}
