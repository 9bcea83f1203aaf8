import SIPAnalysis
import Testing

/// The negotiated codec compares names as lowercase text, whatever their spelling.
@Suite struct CallMediaTests {
    static func media(offer: [String], answer: [String], rejected: Bool = false) -> CallMedia {
        func side(_ codecs: [String], _ rejected: Bool) -> MediaDescription {
            MediaDescription(
                endpoint: "192.0.2.1:4000",
                mediaType: "audio",
                codecs: codecs,
                direction: "sendrecv",
                isRejected: rejected,
                isEncrypted: false
            )
        }
        return CallMedia(offer: side(offer, false), answer: side(answer, rejected))
    }

    @Test(
        arguments: [
            (["PCMU/8000", "PCMA/8000"], ["pcma/8000"], "pcma/8000"),
            (["telephone-event/8000", "PCMA/8000"], ["Telephone-Event/8000", "PCMA/8000"], "PCMA/8000"),
            (["CN/8000", "G722/8000"], ["cn/8000", "G722/8000"], "G722/8000"),
            (["PCMU/8000"], ["PCMA/8000"], nil),
            (["PCMU/800"], ["PCMU/8000"], nil),
            (["ÉCODEC/8000"], ["écodec/8000"], "écodec/8000"),
            (["\u{212A}X/8000"], ["kx/8000"], "kx/8000"),
            (["\u{212A}X/8000"], ["KX/8000"], "KX/8000"),
        ] as [([String], [String], String?)]
    )
    func negotiatedCodecIgnoresCase(offer: [String], answer: [String], expected: String?) {
        let media = Self.media(offer: offer, answer: answer)
        #expect(media.negotiatedCodec == expected)
        // The same answer as lowercasing every name, which is what the definition says.
        let offered = Set(offer.map { $0.lowercased() })
        let reference = answer.first { codec in
            let name = codec.lowercased()
            return offered.contains(name) && !name.hasPrefix("telephone-event") && !name.hasPrefix("cn/")
        }
        #expect(media.negotiatedCodec == reference)
    }

    @Test func rejectedOrMissingAnswersHaveNoCodec() {
        #expect(Self.media(offer: ["PCMU/8000"], answer: ["PCMU/8000"], rejected: true).negotiatedCodec == nil)
        #expect(CallMedia().negotiatedCodec == nil)
    }
}
