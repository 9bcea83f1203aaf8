/// Something that carries `a=` lines: the session (session-level attributes) or a media
/// description (media-level attributes). The typed accessors read ``decodedAttributes``, which
/// ``SDPSession`` and ``SDPMedia`` decode once while parsing and keep in step with
/// ``attributes``; values that do not parse are skipped (the session's notes say which,
/// RFC 8866 section 5.13 lets a parser ignore bad attributes).
public protocol SDPAttributeContainer {
    /// The `a=` lines in order.
    var attributes: [SDPAttribute] { get }

    /// The attributes with the meaning of the known ones decoded. The default decodes
    /// ``attributes`` on each access; the SDP types store it.
    var decodedAttributes: SDPDecodedAttributes { get }
}

extension SDPAttributeContainer {
    public var decodedAttributes: SDPDecodedAttributes { SDPDecodedAttributes(attributes) }

    /// Attributes named exactly `name`, in order: attribute names are case-sensitive
    /// (RFC 8866 section 9, see ``SDPDecodedAttributes``).
    public func attributes(named name: String) -> [SDPAttribute] {
        attributes.filter { $0.name == name }
    }

    /// The first attribute named exactly `name`.
    public func attribute(named name: String) -> SDPAttribute? {
        attributes.first { $0.name == name }
    }

    /// Whether an attribute named exactly `name` is present.
    public func hasAttribute(_ name: String) -> Bool {
        attribute(named: name) != nil
    }

    /// `a=rtpmap` values that parse (RFC 8866 section 6.6).
    public var rtpMaps: [SDPRTPMap] { decodedAttributes.rtpMaps }

    /// The `a=rtpmap` of `payloadType`, if any; the first line wins.
    public func rtpMap(for payloadType: Int) -> SDPRTPMap? {
        decodedAttributes.rtpMaps.first { $0.payloadType == payloadType }
    }

    /// The `a=fmtp` parameters of `format` (RFC 8866 section 6.15: `a=fmtp:<format> <parameters>`),
    /// as written; empty when the format is named without parameters. The first line wins.
    public func fmtp(for format: String) -> String? {
        let decoded = decodedAttributes
        guard let index = decoded.fmtpFormats.firstIndex(of: format),
            decoded.fmtpParameters.indices.contains(index)
        else { return nil }
        return decoded.fmtpParameters[index]
    }

    /// The `a=fmtp` parameters of an RTP payload type.
    public func fmtp(for payloadType: Int) -> String? {
        fmtp(for: String(payloadType))
    }

    /// The direction attribute at this level (`a=sendrecv`, `a=sendonly`, `a=recvonly`,
    /// `a=inactive`, RFC 8866 section 6.7), `nil` when none is present. The first one wins.
    public var direction: SDPDirection? { decodedAttributes.direction }

    /// `a=ptime`: milliseconds of media per packet (RFC 8866 section 6.4; may be fractional).
    public var ptime: Double? { decodedAttributes.ptime }

    /// `a=maxptime`: the most milliseconds of media per packet (RFC 8866 section 6.5).
    public var maxptime: Double? { decodedAttributes.maxptime }

    /// Whether an `a=crypto` (SDES-SRTP, RFC 4568) is present.
    public var hasCrypto: Bool { decodedAttributes.has(.crypto) }

    /// Tags and suites of the `a=crypto` lines that parse, without any key material
    /// (RFC 4568 section 9.1).
    public var cryptoSuites: [SDPCrypto] { decodedAttributes.cryptoSuites }

    /// `a=fingerprint` values that parse (DTLS-SRTP, RFC 8122 section 5).
    public var fingerprints: [SDPFingerprint] { decodedAttributes.fingerprints }

    /// Whether an `a=fingerprint` is present (RFC 8122 section 5).
    public var hasFingerprint: Bool { decodedAttributes.has(.fingerprint) }

    /// ICE candidates that parse (RFC 8839 section 5.1).
    public var candidates: [SDPCandidate] { decodedAttributes.candidates }

    /// `a=ice-ufrag` (RFC 8839 section 5.4); not a secret, it appears in STUN usernames.
    public var iceUfrag: String? { decodedAttributes.iceUfrag }

    /// Whether `a=ice-ufrag` is present.
    public var hasICEUfrag: Bool { decodedAttributes.has(.iceUfrag) }

    /// Whether `a=ice-pwd` is present. The password itself is a secret (RFC 8839 section 5.4):
    /// it is only in ``SDPAttribute/value`` and never in descriptions.
    public var hasICEPassword: Bool { decodedAttributes.has(.icePassword) }

    /// `a=rtcp` when it parses (RFC 3605 section 2.1).
    public var rtcp: SDPRTCP? { decodedAttributes.rtcp }

    /// Whether `a=rtcp-mux` is present: RTP and RTCP share a port (RFC 5761 section 5.1.1).
    public var rtcpMux: Bool { decodedAttributes.has(.rtcpMux) }

    /// `a=setup` role, lowercased: `active`, `passive`, `actpass` or `holdconn`
    /// (RFC 4145 section 4, used by DTLS in RFC 8842).
    public var setup: String? { decodedAttributes.setup }

    /// `a=mid`: the media stream identification (RFC 5888 section 4).
    public var mid: String? { decodedAttributes.mid }
}
