extension PcapWriter {
    /// The `Sec-WebSocket-Key` of every upgrade: the sample nonce of RFC 6455 section 1.3,
    /// whose accept value is known, so no SHA-1 is needed to write a valid handshake.
    static let webSocketKey = "dGhlIHNhbXBsZSBub25jZQ=="
    /// `base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))` for ``webSocketKey``
    /// (RFC 6455 section 1.3).
    static let webSocketAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    /// The client's opening handshake (RFC 6455 section 4.1) asking for the `sip`
    /// subprotocol (RFC 7118 section 5).
    static func webSocketUpgradeRequest(server: Endpoint) -> [UInt8] {
        let text =
            "GET / HTTP/1.1\r\n"
            + "Host: \(server)\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(webSocketKey)\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n"
        return Array(text.utf8)
    }

    /// The server's `101` answer accepting the upgrade (RFC 6455 section 4.2.2).
    static let webSocketUpgradeResponse: [UInt8] = Array(
        ("HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(webSocketAccept)\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n"
            + "\r\n").utf8
    )

    /// One final text frame holding `payload` (RFC 6455 section 5.2): FIN set, opcode 1,
    /// the shortest length encoding, and, from a client, the masking key and masked bytes
    /// (section 5.3: byte i is XORed with key byte i mod 4).
    static func webSocketTextFrame(_ payload: [UInt8], maskingKey: UInt32?) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 14)
        frame.append(0x81)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        if payload.count < 126 {
            frame.append(maskBit | UInt8(truncatingIfNeeded: payload.count))
        } else if payload.count <= 0xffff {
            frame.append(maskBit | 126)
            PacketBuilder.appendBigEndian(UInt16(truncatingIfNeeded: payload.count), to: &frame)
        } else {
            frame.append(maskBit | 127)
            PacketBuilder.appendBigEndian(UInt32(truncatingIfNeeded: UInt64(payload.count) >> 32), to: &frame)
            PacketBuilder.appendBigEndian(UInt32(truncatingIfNeeded: payload.count), to: &frame)
        }
        guard let maskingKey else {
            frame.append(contentsOf: payload)
            return frame
        }
        PacketBuilder.appendBigEndian(maskingKey, to: &frame)
        let key = [
            UInt8(truncatingIfNeeded: maskingKey >> 24), UInt8(truncatingIfNeeded: maskingKey >> 16),
            UInt8(truncatingIfNeeded: maskingKey >> 8), UInt8(truncatingIfNeeded: maskingKey),
        ]
        for (index, byte) in payload.enumerated() {
            frame.append(byte ^ key[index & 3])
        }
        return frame
    }
}
