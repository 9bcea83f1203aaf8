import SIPCapture

/// SDP bodies (RFC 4566, offer/answer of RFC 3264) as phones and WebRTC gateways send them.
enum SDP {
    /// Static and common dynamic payload types with their rtpmap (RFC 3551 section 6).
    private static let rtpmaps: [Int: String] = [
        0: "PCMU/8000", 8: "PCMA/8000", 9: "G722/8000", 18: "G729/8000", 101: "telephone-event/8000",
        111: "opus/48000/2",
    ]

    /// An audio offer or answer; `large` adds the video, ICE (RFC 8839) and SRTP (RFC 4568)
    /// attributes of a WebRTC-style endpoint, a few kilobytes, so the message needs IP
    /// fragmentation over UDP.
    static func body(
        address: String,
        sessionID: UInt64,
        mediaPort: Int,
        payloadTypes: [Int],
        large: Bool,
        random: inout SplitMix64
    ) -> String {
        var text = "v=0\r\n"
        text += "o=- \(sessionID) \(sessionID) IN \(address)\r\n"
        text += "s=-\r\n"
        text += "c=IN \(address)\r\n"
        text += "t=0 0\r\n"
        let profile = large ? "RTP/SAVPF" : "RTP/AVP"
        text += "m=audio \(mediaPort) \(profile) \(payloadTypes.map(String.init).joined(separator: " "))\r\n"
        for payloadType in payloadTypes {
            text += "a=rtpmap:\(payloadType) \(rtpmaps[payloadType] ?? "unknown/8000")\r\n"
            if payloadType == 18 { text += "a=fmtp:18 annexb=no\r\n" }
            if payloadType == 101 { text += "a=fmtp:101 0-16\r\n" }
            if payloadType == 111 { text += "a=fmtp:111 minptime=10;useinbandfec=1\r\n" }
        }
        text += "a=ptime:20\r\n"
        if large {
            text += webRTCAttributes(address: address, mediaPort: mediaPort, random: &random)
            text += "m=video \(mediaPort + 2) RTP/SAVPF 96 97 98\r\n"
            text += "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 H264/90000\r\n"
            text += "a=fmtp:97 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1\r\n"
            text += "a=rtpmap:98 VP9/90000\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n"
            text += "a=rtcp-fb:97 nack\r\na=rtcp-fb:97 nack pli\r\na=rtcp-fb:98 goog-remb\r\n"
            text += webRTCAttributes(address: address, mediaPort: mediaPort + 2, random: &random)
        }
        text += "a=sendrecv\r\n"
        return text
    }

    /// ICE, DTLS fingerprint, SDES crypto and SSRC lines for one media section.
    private static func webRTCAttributes(address: String, mediaPort: Int, random: inout SplitMix64) -> String {
        var text = "a=rtcp-mux\r\n"
        text += "a=ice-ufrag:\(random.hex(8))\r\na=ice-pwd:\(random.hex(24))\r\n"
        text += "a=fingerprint:sha-256 "
        text += (0..<32).map { _ in random.hex(2).uppercased() }.joined(separator: ":") + "\r\n"
        text += "a=setup:actpass\r\n"
        text += "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(random.hex(40))\r\n"
        text += "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:\(random.hex(40))\r\n"
        let host = address.split(separator: " ").last.map(String.init) ?? "0.0.0.0"
        let candidates = random.int(in: 6...14)
        for index in 0..<candidates {
            let priority = 2_130_706_431 - index * 256
            text += "a=candidate:\(random.int(in: 100_000_000...999_999_999)) 1 udp \(priority) \(host) "
            text += "\(mediaPort + index * 2) typ \(index % 3 == 0 ? "host" : "srflx") generation 0\r\n"
        }
        text += "a=ssrc:\(random.int(in: 1...4_000_000_000)) cname:\(random.hex(16))\r\n"
        text += "a=ssrc:\(random.int(in: 1...4_000_000_000)) msid:\(random.hex(16)) \(random.hex(16))\r\n"
        return text
    }
}
