/// The header of one WebSocket frame (RFC 6455 section 5.2).
struct WebSocketFrameHeader: Hashable, Sendable {
    /// Opcodes RFC 6455 section 5.2 defines; the others are reserved and make a frame invalid.
    enum Opcode: UInt8, Hashable, Sendable {
        case continuation = 0x0
        case text = 0x1
        case binary = 0x2
        case close = 0x8
        case ping = 0x9
        case pong = 0xA

        /// Close, ping and pong (RFC 6455 section 5.5).
        var isControl: Bool { rawValue & 0x8 != 0 }
    }

    /// The outcome of reading a frame header.
    enum Parse: Hashable, Sendable {
        case frame(WebSocketFrameHeader)
        /// The bytes end before the header does.
        case incomplete
        /// Not a frame a conforming endpoint sends, or longer than the caller accepts.
        case invalid
    }

    var isFinal: Bool
    /// RSV1: set on the first frame of a message compressed with permessage-deflate
    /// (RFC 7692 section 6).
    var isCompressed: Bool
    var opcode: Opcode
    /// The masking key, first key byte most significant; `nil` for an unmasked frame.
    var maskingKey: UInt32?
    var payloadLength: Int
    /// Bytes of the header: 2, plus 2 or 8 for an extended length, plus 4 for a mask.
    var headerLength: Int

    /// Reads a frame header at the start of `bytes`.
    ///
    /// A frame is invalid when RSV2 or RSV3 is set (no extension defining them is in use for
    /// SIP), RSV1 is set on anything but a text or binary frame, the opcode is reserved, a
    /// control frame is fragmented or longer than 125 bytes (RFC 6455 section 5.5), the
    /// most significant bit of a 64-bit length is set (section 5.2), or the payload is
    /// longer than `maximumPayload`.
    static func parse(_ bytes: UnsafeRawBufferPointer, maximumPayload: Int) -> Parse {
        guard let first = bytes.u8(at: 0) else { return .incomplete }
        let isFinal = first & 0x80 != 0
        let isCompressed = first & 0x40 != 0
        guard first & 0x30 == 0, let opcode = Opcode(rawValue: first & 0x0F) else { return .invalid }
        if isCompressed, opcode != .text, opcode != .binary { return .invalid }
        if opcode.isControl, !isFinal { return .invalid }
        guard let second = bytes.u8(at: 1) else { return .incomplete }
        let isMasked = second & 0x80 != 0
        var length = UInt64(second & 0x7F)
        var headerLength = 2
        if length == 126 {
            guard let extended = bytes.u16(at: 2) else { return .incomplete }
            length = UInt64(extended)
            headerLength = 4
        } else if length == 127 {
            guard let high = bytes.u32(at: 2), let low = bytes.u32(at: 6) else { return .incomplete }
            guard high & 0x8000_0000 == 0 else { return .invalid }
            length = UInt64(high) << 32 | UInt64(low)
            headerLength = 10
        }
        if opcode.isControl, length > 125 { return .invalid }
        guard length <= UInt64(max(maximumPayload, 0)), let payloadLength = Int(exactly: length) else {
            return .invalid
        }
        var maskingKey: UInt32?
        if isMasked {
            guard let key = bytes.u32(at: headerLength) else { return .incomplete }
            maskingKey = key
            headerLength += 4
        }
        return .frame(
            WebSocketFrameHeader(
                isFinal: isFinal,
                isCompressed: isCompressed,
                opcode: opcode,
                maskingKey: maskingKey,
                payloadLength: payloadLength,
                headerLength: headerLength
            )
        )
    }

    /// Whether `bytes` start with a frame that begins a text or binary message whose
    /// payload (unmasked) starts with a SIP start line: the heuristic for finding
    /// WebSocket framing without having seen the HTTP upgrade (RFC 7118 section 5.2 puts
    /// one SIP message in each WebSocket message). `nil` when more bytes are needed to tell.
    ///
    /// The first byte must be 0x81, 0x82, 0x01 or 0x02 (text or binary, final or first
    /// fragment, no RSV bits), and the start line must end within the first frame.
    static func startsSIPMessage(_ bytes: UnsafeRawBufferPointer, maximumPayload: Int) -> Bool? {
        guard let first = bytes.u8(at: 0) else { return nil }
        guard first == 0x81 || first == 0x82 || first == 0x01 || first == 0x02 else { return false }
        switch parse(bytes, maximumPayload: maximumPayload) {
        case .incomplete:
            return nil
        case .invalid:
            return false
        case .frame(let header):
            let available = bytes.slice(from: header.headerLength).prefix(upTo: header.payloadLength)
            let match: SIPStartLine.Match
            if let key = header.maskingKey {
                match = SIPStartLine.match(MaskedStartLineBytes(bytes: available, key: key))
            } else {
                match = SIPStartLine.match(PlainStartLineBytes(bytes: available))
            }
            switch match {
            case .sip: return true
            case .notSIP: return false
            case .incomplete: return available.count < header.payloadLength ? nil : false
            }
        }
    }
}
