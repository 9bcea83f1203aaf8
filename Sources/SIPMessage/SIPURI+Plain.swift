extension SIPURI {
    /// The usual SIP URI, `sip:user@host[:port]*(;name[=value])` (RFC 3261 section 19.1.1), read
    /// in one pass; `nil` for anything else, which ``parseInFull(_:limits:notes:)`` then reads,
    /// checks and reports. The result is what the full parse gives for these bytes, with no
    /// notes: every byte is in its component's character class (no `%` escape, no white space),
    /// the host is a plain name or an IPv4 address, and there is no password, IPv6 reference,
    /// empty parameter or URI header.
    ///
    /// Every message has several URIs (Request-URI, From, To, Contact, routes), nearly all of
    /// this shape: the general parser's component-by-component checks cost several times more.
    static func plainSIP(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPURI? {
        guard let layout = PlainLayout(bytes, maxParameters: limits.maxParameters) else { return nil }
        // The usual URI keeps its bytes and where its parts are; Strings are made when read.
        if layout.hasAllParameterSpans { return SIPURI(source: SIPAddressSource(uri: bytes, layout: layout)) }
        let base = bytes.startIndex
        let hostBytes = bytes[(base + layout.hostStart)..<(base + layout.hostEnd)]
        let host: SIPHost = layout.isIPv4 ? .ipv4(SIPText.string(hostBytes)) : .name(SIPText.string(hostBytes))
        var parameters = SIPParameters()
        if layout.hostportEnd < bytes.count {
            parameters.reserveCapacity(layout.parameterCount)
            var segmentStart = base + layout.hostportEnd + 1
            while segmentStart <= bytes.endIndex {
                let segmentEnd = bytes[segmentStart...].firstIndex(of: 0x3B) ?? bytes.endIndex
                let segment = bytes[segmentStart..<segmentEnd]
                if let equals = segment.firstIndex(of: 0x3D) {
                    parameters.append(
                        SIPParameter(
                            name: SIPText.token(segment[segmentStart..<equals]),
                            value: SIPText.token(segment[(equals + 1)...])
                        )
                    )
                } else {
                    parameters.append(SIPParameter(name: SIPText.token(segment), value: nil))
                }
                segmentStart = segmentEnd + 1
            }
        }
        let user = layout.userEnd.map { SIPText.string(bytes[(base + layout.userStart)..<(base + $0)]) }
        return SIPURI(
            Fields(
                scheme: layout.isSecure ? "sips" : "sip",
                opaqueText: SIPSourceText(bytes: bytes[(base + layout.userStart)...]),
                user: user,
                host: host,
                port: layout.port,
                parameters: parameters,
                rawText: SIPSourceText(bytes: bytes)
            )
        )
    }

    /// Where the components of a plain SIP URI are, as offsets from the start of its bytes; made
    /// only when every byte fits (see ``SIPURI/plainSIP(_:limits:)``).
    struct PlainLayout: Sendable {
        var isSecure = false
        /// After `scheme:`: the user part when there is one, else the host.
        var userStart = 0
        /// The `@` ending the user part, when there is one.
        var userEnd: Int?
        var hostStart = 0
        var hostEnd = 0
        /// After the port's colon; equal to `hostportEnd` without a port.
        var portStart = 0
        /// The first `;`, or the end.
        var hostportEnd = 0
        var parameterCount = 0
        /// Where the parameters are, when there are at most ``SIPParameterSpans/capacity``.
        var parameters = SIPParameterSpans()
        /// Whether the host is an IPv4 address rather than a name.
        var isIPv4 = false
        var port: UInt16?

        /// Whether ``parameters`` holds every parameter.
        var hasAllParameterSpans: Bool { parameters.count == parameterCount }

        private init() {}

        /// The layout of `bytes` when it is a plain SIP URI with a plain host (``SIPHost/plainHost(_:)``)
        /// and a port up to 65535.
        init?(_ bytes: ArraySlice<UInt8>, maxParameters: Int) {
            // Offsets are kept as UInt16 (parameter spans): longer URIs take the full parse.
            guard SIPParameterSpans.fits(bytes) else { return nil }
            let found = bytes.withUnsafeBufferPointer { PlainLayout(buffer: $0, maxParameters: maxParameters) }
            guard let found else { return nil }
            self = found
        }

        /// ``init(_:maxParameters:)`` for all of `buffer`, whose count fits a UInt16 (the caller checks).
        init?(buffer: UnsafeBufferPointer<UInt8>, maxParameters: Int) {
            guard let (layout, end) = Self.prefix(of: buffer, maxParameters: maxParameters), end == buffer.count
            else { return nil }
            self = layout
        }

        /// The layout of the plain SIP URI at the start of `buffer`, up to its end or a `>` (which no
        /// URI component allows unescaped), and where it ends: one pass finds both the end of a
        /// name-addr's URI and its components.
        static func prefix(
            of buffer: UnsafeBufferPointer<UInt8>,
            maxParameters: Int
        ) -> (layout: PlainLayout, end: Int)? {
            var layout = PlainLayout()
            guard var offset = layout.scanScheme(buffer), layout.scanHostPort(buffer, from: &offset),
                layout.scanParameters(buffer, from: &offset, maxParameters: maxParameters)
            else { return nil }
            return (layout, offset)
        }

        /// ``SIPCharacterClass/user`` without `;`: a plain URI's user part ends before any `;`.
        static let userBeforeSemicolon = SIPCharacterClass(low: 0xA3FF_FFD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)

        /// `sip:` or `sips:`, then the user part up to `@` if any; the offset of the host.
        private mutating func scanScheme(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
            // Every read of `buffer` is at an offset checked against buffer.count just before it.
            let count = buffer.count
            guard count > 4, buffer[0] | 0x20 == 0x73, buffer[1] | 0x20 == 0x69, buffer[2] | 0x20 == 0x70
            else { return nil }
            var offset = 3
            if buffer[3] | 0x20 == 0x73 {
                isSecure = true
                offset = 4
            }
            guard offset < count, buffer[offset] == 0x3A else { return nil }
            offset += 1
            userStart = offset
            // The full parse takes the first '@' as the end of the user part wherever it is,
            // so a plain URI has it before any ';', or none at all.
            let user = Self.userBeforeSemicolon
            var userOrHostEnd = offset
            while userOrHostEnd < count, user.contains(buffer[userOrHostEnd]) { userOrHostEnd += 1 }
            if userOrHostEnd < count, buffer[userOrHostEnd] == 0x40 {
                guard userOrHostEnd > offset else { return nil }
                userEnd = userOrHostEnd
                offset = userOrHostEnd + 1
            }
            return offset
        }

        /// `host [ ":" port ]` from `offset`, which ends at the first `;`, `>` or the end.
        private mutating func scanHostPort(_ buffer: UnsafeBufferPointer<UInt8>, from offset: inout Int) -> Bool {
            // Every read of `buffer` is at an offset checked against buffer.count just before it.
            let count = buffer.count
            hostStart = offset
            var shape = SIPHost.ShapeReader()
            // The bytes that end a host (':' ';' '>') are not host characters: they are tested
            // only once the shape reader stops, not for every byte.
            while offset < count {
                let byte = buffer[offset]
                if shape.read(byte) {
                    offset += 1
                } else if byte == 0x3A || byte == 0x3B || byte == 0x3E {
                    break
                } else {
                    return false
                }
            }
            hostEnd = offset
            guard hostEnd > hostStart,
                let isIPv4 = shape.isIPv4(UnsafeBufferPointer(rebasing: buffer[hostStart..<hostEnd]))
            else { return false }
            self.isIPv4 = isIPv4
            portStart = offset
            if offset < count, buffer[offset] == 0x3A {
                offset += 1
                portStart = offset
                // At most 65535 (RFC 3261 section 25.1 `port`, in 16 bits); leading zeros allowed.
                var value = 0
                while offset < count, SIPText.isDigit(buffer[offset]) {
                    value = value * 10 + Int(buffer[offset] &- 0x30)
                    guard value <= Int(UInt16.max) else { return false }
                    offset += 1
                }
                guard offset > portStart else { return false }
                port = UInt16(truncatingIfNeeded: value)
            }
            hostportEnd = offset
            return true
        }

        /// Non-empty segments of `paramchar` with at most one '=' after a non-empty name, from
        /// `offset` to the end or a `>`.
        private mutating func scanParameters(
            _ buffer: UnsafeBufferPointer<UInt8>,
            from offset: inout Int,
            maxParameters: Int
        ) -> Bool {
            // Every read of `buffer` is at an offset checked against buffer.count just before it.
            let count = buffer.count
            let allowed = SIPCharacterClass.uriParameter
            while offset < count, buffer[offset] != 0x3E {
                guard buffer[offset] == 0x3B, parameterCount < maxParameters else { return false }
                offset += 1
                let nameStart = offset
                while offset < count, allowed.contains(buffer[offset]) { offset += 1 }
                guard offset > nameStart else { return false }
                // Offsets are at most count, which fits a UInt16 (checked by the caller).
                var span = SIPParameterSpans.Span(
                    nameStart: UInt16(truncatingIfNeeded: nameStart),
                    nameEnd: UInt16(truncatingIfNeeded: offset)
                )
                if offset < count, buffer[offset] == 0x3D {
                    offset += 1
                    let valueStart = offset
                    while offset < count, allowed.contains(buffer[offset]) { offset += 1 }
                    span.valueStart = UInt16(truncatingIfNeeded: valueStart)
                    span.valueEnd = UInt16(truncatingIfNeeded: offset)
                    span.form = .plain
                }
                // Past the capacity the parameters are counted only, and made as Strings.
                _ = parameters.append(span)
                parameterCount += 1
            }
            return true
        }
    }
}
