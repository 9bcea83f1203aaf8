extension SIPVia {
    /// Reads a Via header value of usual values only, `SIP/2.0/UDP host[:port]*(;name[=value])`
    /// separated by commas (RFC 3261 section 20.42, 25.1), in one pass, and appends them to
    /// `result`. Returns `false` having appended nothing for any other value, which
    /// ``parse(_:limits:notes:)`` then reads, checks and reports.
    ///
    /// What is taken is what the full parse gives for these bytes, with no notes: every
    /// component is a token or a parameter value without quotes, white space only between the
    /// transport and the host and around commas, the host a plain name or an IPv4 address, no
    /// empty parameter value, and the parameters with a grammar of their own (`branch`, `ttl`,
    /// `rport`, `received`) well-formed wherever they occur. Nearly every Via is of this shape,
    /// and a plain value keeps only its bytes and a few offsets (``PlainLayout``).
    static func appendPlainList(
        _ bytes: ArraySlice<UInt8>,
        to result: inout [SIPVia],
        limits: SIPParseLimits
    ) -> Bool {
        let before = result.count
        let base = bytes.startIndex
        // Every read of `buffer` is at an offset checked against buffer.count just before it
        // (here and in PlainLayout.scan).
        let plain = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var offset = PlainLayout.skipBlanks(buffer, from: 0)
            while true {
                guard result.count - before < limits.maxListElements,
                    let (layout, end) = PlainLayout.scan(buffer, from: offset, maxParameters: limits.maxParameters)
                else { return false }
                result.append(SIPVia(plain: bytes[(base + offset)..<(base + end)], layout: layout))
                offset = PlainLayout.skipBlanks(buffer, from: end)
                guard offset < buffer.count else { return true }
                guard buffer[offset] == 0x2C else { return false }
                offset = PlainLayout.skipBlanks(buffer, from: offset + 1)
            }
        }
        if !plain { result.removeSubrange(before...) }
        return plain
    }

    /// One plain Via value (trimmed, no comma), or `nil` for anything else.
    static func plain(_ value: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPVia? {
        // PlainLayout.scan reads `buffer` only at offsets checked against buffer.count.
        let layout = value.withUnsafeBufferPointer { buffer -> PlainLayout? in
            guard let (layout, end) = PlainLayout.scan(buffer, from: 0, maxParameters: limits.maxParameters),
                end == buffer.count
            else { return nil }
            return layout
        }
        return layout.map { SIPVia(plain: value, layout: $0) }
    }

    /// Where the components of a plain Via lie, as offsets from the start of its bytes (which
    /// are at most 65535 long). Made only by ``scan(_:from:maxParameters:)``, which checked the
    /// bytes: the offsets are within them and on the component boundaries the getters expect.
    struct PlainLayout: Hashable, Sendable {
        /// After the first `/`.
        var versionStart: UInt16
        /// After the second `/`.
        var transportStart: UInt16
        var transportEnd: UInt16
        var hostStart: UInt16
        var hostEnd: UInt16
        /// The first `;`, or the end when there are no parameters.
        var parametersStart: UInt16
        var port: UInt16?
        /// An IPv4 address rather than a host name.
        var isIPv4: Bool

        func protocolName(of bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            bytes[bytes.startIndex..<(bytes.startIndex + Int(versionStart) - 1)]
        }

        func protocolVersion(of bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            bytes[(bytes.startIndex + Int(versionStart))..<(bytes.startIndex + Int(transportStart) - 1)]
        }

        func transport(of bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            bytes[(bytes.startIndex + Int(transportStart))..<(bytes.startIndex + Int(transportEnd))]
        }

        func host(of bytes: ArraySlice<UInt8>) -> SIPHost {
            let text = SIPText.string(bytes[(bytes.startIndex + Int(hostStart))..<(bytes.startIndex + Int(hostEnd))])
            return isIPv4 ? .ipv4(text) : .name(text)
        }

        /// The parameters as the full parser reads them (names and values as written).
        func parameters(of bytes: ArraySlice<UInt8>) -> SIPParameters {
            var parameters = SIPParameters()
            let section = bytes[(bytes.startIndex + Int(parametersStart))...]
            guard !section.isEmpty else { return parameters }
            parameters.reserveCapacity(section.reduce(0) { $1 == 0x3B ? $0 + 1 : $0 })
            Self.forEachParameter(section) { name, value in
                parameters.append(SIPParameter(name: SIPText.token(name), value: value.map(SIPText.string)))
                return false
            }
            return parameters
        }

        /// The first parameter named `name` (ASCII case ignored, as ``SIPParameters/parameter(_:)``),
        /// with its value's bytes.
        func parameter(
            _ name: String,
            of bytes: ArraySlice<UInt8>
        ) -> (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>?)? {
            var found: (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>?)?
            Self.forEachParameter(bytes[(bytes.startIndex + Int(parametersStart))...]) { candidate, value in
                guard candidate.count == name.utf8.count,
                    zip(candidate, name.utf8).allSatisfy({ SIPText.lowercased($0) == SIPText.lowercased($1) })
                else { return false }
                found = (candidate, value)
                return true
            }
            return found
        }

        /// Calls `body` with the name and value of each `;name[=value]` of a checked parameter
        /// section until it returns `true`.
        private static func forEachParameter(
            _ section: ArraySlice<UInt8>,
            _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>?) -> Bool
        ) {
            var start = section.startIndex + 1
            while start <= section.endIndex {
                let end = section[start...].firstIndex(of: 0x3B) ?? section.endIndex
                let segment = section[start..<end]
                let stop: Bool
                if let equals = segment.firstIndex(of: 0x3D) {
                    stop = body(segment[start..<equals], segment[(equals + 1)...])
                } else {
                    stop = body(segment, nil)
                }
                if stop { return }
                start = end + 1
            }
        }

        // MARK: - Scanning

        /// The offset of the first byte at or after `offset` that is not SP or HTAB.
        static func skipBlanks(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
            var offset = offset
            while offset < buffer.count, buffer[offset] == 0x20 || buffer[offset] == 0x09 { offset += 1 }
            return offset
        }

        /// The end of the run of token characters starting at `offset`.
        private static func skipToken(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
            var offset = offset
            while offset < buffer.count, SIPTokenList.isTokenCharacter(buffer[offset]) { offset += 1 }
            return offset
        }

        /// ``SIPScanner/isParameterValueCharacter(_:)`` (token characters, `:`, `[` and `]`) as
        /// two masks, tested like ``SIPTokenList/isTokenCharacter(_:)`` with one branch.
        @inline(__always)
        static func isValueCharacter(_ byte: UInt8) -> Bool {
            let mask: UInt64 = byte & 0x40 == 0 ? 0x07FF_6CA2_0000_0000 : 0x47FF_FFFF_AFFF_FFFE
            return byte < 0x80 && (mask &>> UInt64(byte & 0x3F)) & 1 != 0
        }

        /// The layout of the plain Via starting at `start`, and the offset after its last
        /// component; `nil` when the bytes there are anything but a plain Via followed by the
        /// end, white space or a comma.
        static func scan(
            _ buffer: UnsafeBufferPointer<UInt8>,
            from start: Int,
            maxParameters: Int
        ) -> (PlainLayout, end: Int)? {
            // sent-protocol: three tokens separated by '/', then white space.
            let nameEnd = skipToken(buffer, from: start)
            guard nameEnd > start, nameEnd < buffer.count, buffer[nameEnd] == 0x2F else { return nil }
            let versionEnd = skipToken(buffer, from: nameEnd + 1)
            guard versionEnd > nameEnd + 1, versionEnd < buffer.count, buffer[versionEnd] == 0x2F else { return nil }
            let transportEnd = skipToken(buffer, from: versionEnd + 1)
            guard transportEnd > versionEnd + 1 else { return nil }
            let hostStart = skipBlanks(buffer, from: transportEnd)
            guard hostStart > transportEnd, let (hostEnd, isIPv4) = scanHost(buffer, from: hostStart) else {
                return nil
            }
            var offset = hostEnd
            var port: UInt16?
            if offset < buffer.count, buffer[offset] == 0x3A {
                let digitsStart = offset + 1
                offset = digitsStart
                var value = 0
                while offset < buffer.count, offset - digitsStart < 5, SIPText.isDigit(buffer[offset]) {
                    value = value * 10 + Int(buffer[offset] &- 0x30)
                    offset += 1
                }
                guard offset > digitsStart, value <= Int(UInt16.max) else { return nil }
                port = UInt16(truncatingIfNeeded: value)
            }
            let parametersStart = offset
            var count = 0
            while offset < buffer.count, buffer[offset] == 0x3B {
                count += 1
                guard count <= maxParameters, let end = scanParameter(buffer, from: offset + 1) else { return nil }
                offset = end
            }
            // What follows must end the value: the full parser reads anything else differently.
            if offset < buffer.count {
                let next = buffer[offset]
                guard next == 0x2C || next == 0x20 || next == 0x09 else { return nil }
            }
            let start16 = { (position: Int) in UInt16(exactly: position - start) }
            guard let versionStart = start16(nameEnd + 1), let transportStart = start16(versionEnd + 1),
                let transportEnd16 = start16(transportEnd), let hostStart16 = start16(hostStart),
                let hostEnd16 = start16(hostEnd), let parametersStart16 = start16(parametersStart),
                start16(offset) != nil
            else { return nil }
            let layout = PlainLayout(
                versionStart: versionStart,
                transportStart: transportStart,
                transportEnd: transportEnd16,
                hostStart: hostStart16,
                hostEnd: hostEnd16,
                parametersStart: parametersStart16,
                port: port,
                isIPv4: isIPv4
            )
            return (layout, offset)
        }

        /// A host name of letters, digits and inner `-` labels whose last label starts with a
        /// letter (one trailing dot allowed), or an IPv4 address: what ``SIPHost/plainHost(_:)``
        /// takes, so that the full parser would note nothing. Returns its end and whether it is
        /// an IPv4 address.
        private static func scanHost(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool)? {
            var offset = start
            // The host's shape, as the URI reader finds it; it stops at the first byte that is
            // not of a plain host, or that makes a bad label.
            var shape = SIPHost.ShapeReader()
            while offset < buffer.count, shape.read(buffer[offset]) { offset += 1 }
            guard offset > start else { return nil }
            if offset < buffer.count {
                // The full parser's sent-by runs on over '_', '[' and ']': only these may follow
                // (which also rules out stopping at a bad label's '.' or '-').
                let next = buffer[offset]
                guard next == 0x3A || next == 0x3B || next == 0x2C || next == 0x20 || next == 0x09 else { return nil }
            }
            guard let isIPv4 = shape.isIPv4(UnsafeBufferPointer(rebasing: buffer[start..<offset])) else { return nil }
            return (offset, isIPv4)
        }

        /// One `name[=value]` after a `;`: a token and a non-empty unquoted value, checked when the
        /// name is one with a grammar of its own. Returns the offset after it.
        private static func scanParameter(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            let nameEnd = skipToken(buffer, from: start)
            guard nameEnd > start else { return nil }
            guard nameEnd < buffer.count, buffer[nameEnd] == 0x3D else {
                // Without a value: `branch`, `ttl` and `received` need one.
                return checks(buffer, name: start..<nameEnd, value: nil) ? nameEnd : nil
            }
            var end = nameEnd + 1
            while end < buffer.count, isValueCharacter(buffer[end]) { end += 1 }
            guard end > nameEnd + 1, checks(buffer, name: start..<nameEnd, value: (nameEnd + 1)..<end) else {
                return nil
            }
            return end
        }

        /// Whether a parameter passes the checks of the full parser's via-params (RFC 3261 section
        /// 25.1 `via-ttl`, `via-received`, `via-branch`; RFC 3581 section 3 `rport`) with no note.
        private static func checks(_ buffer: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>?) -> Bool {
            let nameBytes = UnsafeBufferPointer(rebasing: buffer[name])
            let valueBytes = value.map { UnsafeBufferPointer(rebasing: buffer[$0]) }
            switch name.count {
            case 3 where equalsIgnoringCase(nameBytes, "ttl"):
                guard let valueBytes, valueBytes.count <= 3 else { return false }
                return SIPText.decimal(valueBytes, maximum: 255) != nil
            case 5 where equalsIgnoringCase(nameBytes, "rport"):
                guard let valueBytes else { return true }
                return SIPText.decimal(valueBytes, maximum: UInt64(UInt16.max)) != nil
            case 6 where equalsIgnoringCase(nameBytes, "branch"):
                return valueBytes != nil
            case 8 where equalsIgnoringCase(nameBytes, "received"):
                guard let valueBytes else { return false }
                return SIPHost.isIPv4(valueBytes)
            default:
                return true
            }
        }

        private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
            guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
            return lowercase.withUTF8Buffer { wanted in
                // Both have bytes.count elements.
                zip(bytes, wanted).allSatisfy { SIPText.lowercased($0) == $1 }
            }
        }
    }
}
