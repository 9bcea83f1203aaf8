import Testing

@testable import SIPMessage

/// The header name lookup of the index: every known name, in any case, and its compact form.
struct KnownHeaderTests {
    private func identify(_ text: String) -> KnownHeader? {
        Array(text.utf8).withUnsafeBufferPointer { KnownHeader.identify($0) }
    }

    @Test func everyCanonicalNameIsFoundInAnyCase() {
        for header in KnownHeader.allCases {
            #expect(identify(header.canonicalName) == header)
            #expect(identify(header.canonicalName.lowercased()) == header)
            #expect(identify(header.canonicalName.uppercased()) == header)
        }
    }

    @Test func everyCompactFormIsFoundInBothCases() {
        var compactCount = 0
        for header in KnownHeader.allCases {
            guard let compact = header.compactForm else { continue }
            compactCount += 1
            #expect(identify(String(compact)) == header)
            #expect(identify(String(compact).uppercased()) == header)
        }
        #expect(compactCount == 20)
    }

    @Test func otherNamesAreUnknown() {
        for name in ["", "q", "z", "Tx", "Vias", "From-", "Call_ID", "X-Custom", "Contact ", "P-Asserted-Identityy"] {
            #expect(identify(name) == nil)
        }
        // Every proper prefix and one-byte change of a known name is unknown (or a compact form).
        for header in KnownHeader.allCases {
            let bytes = Array(header.canonicalName.lowercased().utf8)
            for length in 2..<bytes.count {
                let prefix = String(decoding: bytes[..<length], as: UTF8.self)
                if let found = identify(prefix) { #expect(found.canonicalName.count == length) }
            }
            for position in bytes.indices {
                var changed = bytes
                changed[position] = 0x7E
                #expect(identify(String(decoding: changed, as: UTF8.self)) == nil)
            }
        }
    }

    /// A name inside a longer buffer (as the parser sees it, followed by `: value`), at its end,
    /// or in a buffer of its own is the same name; the bytes after it do not count.
    @Test func namesInsideLongerBuffers() {
        for header in KnownHeader.allCases {
            for name in [header.canonicalName, header.canonicalName.uppercased()] {
                let line = Array(("X" + name + ": value\r\n").utf8)
                let found = line.withUnsafeBufferPointer {
                    KnownHeader.identify($0, start: 1, count: name.utf8.count)
                }
                #expect(found == header, "\(name)")
                let atEnd = Array(("Xy" + name).utf8)
                let foundAtEnd = atEnd.withUnsafeBufferPointer {
                    KnownHeader.identify($0, start: 2, count: name.utf8.count)
                }
                #expect(foundAtEnd == header, "\(name)")
                let shorter = line.withUnsafeBufferPointer {
                    KnownHeader.identify($0, start: 1, count: name.utf8.count - 1)
                }
                // A one-letter prefix may be a compact form.
                let expected =
                    shorter == nil || name.utf8.count == 2 || shorter?.canonicalName.count == name.utf8.count - 1
                #expect(expected, "\(name)")
            }
        }
        let bytes: [UInt8] = Array("Via".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(KnownHeader.identify(buffer, start: 0, count: 4) == nil)
            #expect(KnownHeader.identify(buffer, start: -1, count: 3) == nil)
            #expect(KnownHeader.identify(buffer, start: 3, count: 1) == nil)
            #expect(KnownHeader.identify(buffer, start: 0, count: 0) == nil)
        }
    }

    /// Case folding touches ASCII letters only: a byte that differs from a name's byte in
    /// 0x20 (CR for '-', '@' for '`') or in 0x80 is another name.
    @Test func foldingIsExact() {
        for header in KnownHeader.allCases {
            let bytes = Array(header.canonicalName.lowercased().utf8)
            for position in bytes.indices {
                for flip: UInt8 in [0x80, 0xA0] {
                    var changed = bytes
                    changed[position] ^= flip
                    #expect(changed.withUnsafeBufferPointer { KnownHeader.identify($0) } == nil)
                }
                if !SIPText.isAlpha(bytes[position]) {
                    var changed = bytes
                    changed[position] ^= 0x20
                    #expect(changed.withUnsafeBufferPointer { KnownHeader.identify($0) } == nil)
                }
            }
        }
    }

    /// Known names hold no String; other names keep their spelling and compare ignoring case.
    @Test func headerNamesCompareAndHashByFoldedName() {
        #expect(SIPHeaderName("X-Custom").canonicalName == "X-Custom")
        #expect(SIPHeaderName("x-custom") == SIPHeaderName("X-CUSTOM"))
        #expect(SIPHeaderName("x-custom").hashValue == SIPHeaderName("X-CUSTOM").hashValue)
        #expect(SIPHeaderName("x-custom") != SIPHeaderName("x-other"))
        #expect(SIPHeaderName("x-custom") != .via)
        #expect(SIPHeaderName("v") == .via)
        #expect(SIPHeaderName("VIA").hashValue == SIPHeaderName.via.hashValue)
        #expect(SIPHeaderName.via.canonicalName == "Via")
        #expect(SIPHeaderName("call-id").description == "Call-ID")
        #expect(Set([SIPHeaderName("X-A"), SIPHeaderName("x-a"), .via, SIPHeaderName("v")]).count == 2)
    }
}
