import Testing

@testable import SIPMessage

/// The byte-level shortcuts of the SDP parser and readers give what the general code gives:
/// attribute names by switch, common tokens as literals, codec names without codecs, and the
/// `a=candidate`, `a=crypto` and `a=fingerprint` checks without Strings.
@Suite struct SDPFastPathTests {
    private func parse(_ text: String) throws(SIPParseError) -> SDPSession {
        try SDPSession.parse(Array(text.utf8)[...], limits: .default)
    }

    private func withBytes<Result>(_ text: String, _ body: (SDPBytes) -> Result) -> Result {
        var text = text
        return text.withUTF8 { body($0[...]) }
    }

    /// Every known attribute name is found exactly, in upper or mixed case as inexact, and near
    /// misses are no name.
    @Test(arguments: SDPDecodedAttributes.Kind.allCases)
    func attributeNamesAreFound(kind: SDPDecodedAttributes.Kind) {
        let name = kind.name
        let exact = withBytes(name) { SDPDecodedAttributes.Kind.named($0) }
        #expect(exact?.kind == kind && exact?.exact == true)
        let upper = withBytes(name.uppercased()) { SDPDecodedAttributes.Kind.named($0) }
        #expect(upper?.kind == kind && upper?.exact == false)
        for miss in [String(name.dropLast()), name + "x", "x" + name.dropFirst(), name + name] {
            #expect(withBytes(miss) { SDPDecodedAttributes.Kind.named($0) } == nil, "\(miss)")
        }
    }

    /// Packing reads the same words through the two loads (bytes follow) and byte by byte (the
    /// slice ends the buffer), for every length up to 15, and refuses 16.
    @Test func packedAgreesAtEveryLengthAndPosition() {
        let text = Array("AbCdEfGhIjKlMnOpQ".utf8)
        text.withUnsafeBufferPointer { buffer in
            for start in 0..<buffer.count {
                for end in start...buffer.count {
                    let slice = buffer[start..<end]
                    var expected: (UInt64, UInt64) = (UInt64(slice.count) << 56, 0)
                    for (offset, byte) in slice.enumerated() where offset < 15 {
                        if offset < 7 {
                            expected.0 |= UInt64(byte) << (offset * 8)
                        } else {
                            expected.1 |= UInt64(byte) << ((offset - 7) * 8)
                        }
                    }
                    let packed = SDPText.packed(slice)
                    #expect(slice.count > 15 ? packed == nil : packed.map { $0 == expected } == true)
                }
            }
        }
    }

    /// `application/sdp` in any case is read by two word compares; near misses go the long way.
    @Test(arguments: [
        ("application/sdp", "application/sdp"), ("APPLICATION/SDP", "application/sdp"),
        (" Application/Sdp\t", "application/sdp"), ("application/sdq", "application/sdq"),
        ("application/sd", "application/sd"), ("application/sdpx", "application/sdpx"),
        ("applicatioN/sdp;a=b", "application/sdp"), ("applic`tion/sdp", "applic`tion/sdp"),
    ])
    func mediaTypeFastPathAgrees(text: String, essence: String) throws {
        let type = try SIPMediaType.parse(text)
        #expect(type.essence == essence)
        #expect(type.isSDP == (essence == "application/sdp"))
    }

    /// Folding eight bytes at once changes exactly `A` to `Z`, in every byte position.
    @Test func foldedCaseChangesOnlyUpperCaseLetters() {
        for byte in UInt64(0)...255 {
            let expected = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            for shift in stride(from: UInt64(0), to: 64, by: 8) {
                // Neighbours that are, and are not, letters must not change the result.
                let word = byte << shift | 0x5A41_5A41_5A41_5A41 & ~(0xFF << shift)
                let folded = SDPText.foldedCase(word)
                #expect(folded >> shift & 0xFF == expected, "byte \(byte) at \(shift)")
                #expect(folded & ~(0xFF << shift) == 0x7A61_7A61_7A61_7A61 & ~(0xFF << shift))
            }
        }
    }

    /// Every common token comes back as written, and a token in another case is decoded as is.
    @Test(arguments: [
        "IN", "IP4", "IP6", "-", "audio", "video", "image", "text", "application", "message", "RTP/AVP",
        "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "udptl", "PCMU", "PCMA", "G722", "G729", "GSM", "opus",
        "telephone-event", "CN", "iLBC", "AMR", "AMR-WB", "H264", "VP8", "t38", "PCMU/8000", "PCMA/8000",
        "G722/8000", "G729/8000", "GSM/8000", "CN/8000", "opus/48000/2", "H264/90000", "VP8/90000", "VP9/90000",
        "iLBC/8000", "AMR/8000", "AMR-WB/16000",
    ])
    func commonTokensReadAsWritten(text: String) {
        #expect(withBytes(text) { SDPText.token($0) } == text)
        let (key, low) = withBytes(text) { SDPText.packed($0) } ?? (0, 0)
        #expect(SDPText.commonToken(key, low) == text)
        let changed = text.uppercased() == text ? text.lowercased() : text.uppercased()
        if changed != text { #expect(withBytes(changed) { SDPText.token($0) } == changed) }
    }

    static let mediaTexts: [String] = {
        let many: String = (96...120).map(String.init).joined(separator: " ")
        let manyLines: String = (96...120).map { "a=rtpmap:\($0) C\($0)/8000\r\na=fmtp:\($0) p=\($0)\r\n" }.joined()
        let first: String =
            "m=audio 4000 RTP/AVP 0 8 18 101 96 97 98 99 13 77\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:18 G729/08000\r\n"
            + "a=fmtp:101 0-16\r\na=rtpmap:101 telephone-event/8000\r\na=rtpmap:96 opus/48000/2\r\n"
            + "a=rtpmap:97 L16/16000/1\r\na=rtpmap:98 X/8000/02\r\na=rtpmap:99 Y\r\n"
        return [
            first,
            "m=audio 4000 RTP/SAVPF 111 0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\n",
            "m=image 4000 udptl t38\r\n",
            "m=audio 4000 RTP/AVP 0096 96\r\na=rtpmap:0096 A/8000\r\na=rtpmap:96 B/8000 extra\r\n",
            "m=audio 4000 RTP/AVP " + many + "\r\n" + manyLines,
            "m=audio 4000 RTP/AVP 0 8\r\na=RTPMAP:8 pcma/8000\r\na=rtpmap:0 PCMU/8000/1\r\n",
        ]
    }()

    /// `codecNames(for:)` lists what `codecs(for:).map(\.name)` does: rtpmap names with and
    /// without channels, leading zeros, a channel count of 1, static and unknown payload types,
    /// non-RTP formats, an `a=fmtp` before its `a=rtpmap`, and many formats.
    @Test(arguments: mediaTexts)
    func codecNamesMatchCodecs(mediaText: String) throws {
        let session = try parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n" + mediaText)
        for media in session.media {
            #expect(session.codecNames(for: media) == session.codecs(for: media).map(\.name))
            let built = SDPMedia(
                mediaType: media.mediaType,
                port: media.port,
                transportProtocol: media.transportProtocol,
                formats: media.formats,
                attributes: media.attributes
            )
            #expect(built.codecNames == media.codecNames)
        }
    }

    /// The first `a=rtpmap` of a payload type names it even after an `a=fmtp` of that type.
    @Test func rtpMapAfterFmtpNamesTheCodec() throws {
        let session = try parse(
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 101\r\n"
                + "a=fmtp:101 0-16\r\na=rtpmap:101 telephone-event/8000\r\n"
        )
        let media = try #require(session.media.first)
        #expect(session.codecs(for: media).map(\.name) == ["telephone-event/8000"])
        #expect(session.codecs(for: media).first?.parameters == "0-16")
        #expect(
            media.codecs
                == SDPMedia(
                    mediaType: "audio",
                    port: 4000,
                    transportProtocol: "RTP/AVP",
                    formats: ["101"],
                    attributes: media.attributes
                ).codecs
        )
    }

    /// The byte checks accept and reject what parsing the value's text does, with the same error.
    @Test(arguments: [
        "1 AES_CM_128_HMAC_SHA1_80 inline:abc", "1 AES_CM_128_HMAC_SHA1_80", "x AES inline:a",
        "1234567890 A inline:k", "  2\tA  inline:k  extra", "", "1 \u{FF} inline:k",
    ])
    func cryptoCheckAgreesWithParse(value: String) {
        let checked: SIPParseError? = withBytes(value) { bytes in
            do throws(SIPParseError) {
                try SDPCrypto.check(bytes)
                return nil
            } catch {
                return error
            }
        }
        let parsed: SIPParseError?
        do throws(SIPParseError) {
            _ = try SDPCrypto.parse(value)
            parsed = nil
        } catch {
            parsed = error
        }
        #expect(checked?.reason == parsed?.reason && (checked == nil) == (parsed == nil))
    }

    @Test(arguments: ["sha-256 AB:CD", "sha-256", "sha-256 AB CD", " sha-1\tAB ", "", "\u{FF} AB"])
    func fingerprintCheckAgreesWithParse(value: String) {
        let accepted = withBytes(value) { bytes in (try? SDPFingerprint.check(bytes)) != nil }
        #expect(accepted == ((try? SDPFingerprint.parse(value)) != nil))
    }

    /// The candidate check finds the same numbers and errors as reading the candidate.
    @Test(arguments: [
        "1 1 udp 2130706431 192.0.2.1 5000 typ host",
        "1 1 udp 2130706431 192.0.2.1 5000 typ srflx raddr 10.0.0.1 rport 5001 generation 0",
        "1 1 udp 2130706431 192.0.2.1 5000 typ host rport x", "1 1 udp 2130706431 192.0.2.1 5000 typ",
        "1 0 udp 1 h 1 typ host", "1 1 udp 12345678901 h 1 typ host", "1 1 udp 1 h 70000 typ host",
        "1 1 udp 1 h 1 type host", "1 1 udp 1 h 1 typ host a 1 b 2 c", "1 1 udp 1 h 1 typ host rport",
    ])
    func candidateCheckAgreesWithParse(value: String) {
        let checked: Result<Int, SIPParseError> = withBytes(value) { bytes in
            do throws(SIPParseError) {
                return .success(try SDPCandidate.check(bytes, limits: .default).port)
            } catch {
                return .failure(error)
            }
        }
        let parsed: Result<Int, SIPParseError>
        do throws(SIPParseError) {
            parsed = .success(try SDPCandidate.parse(value, limits: .default).port)
        } catch {
            parsed = .failure(error)
        }
        switch (checked, parsed) {
        case (.success(let left), .success(let right)): #expect(left == right)
        case (.failure(let left), .failure(let right)): #expect(left.reason == right.reason)
        default: Issue.record("check and parse disagree on '\(value)'")
        }
    }
}
