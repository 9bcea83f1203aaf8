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
}
