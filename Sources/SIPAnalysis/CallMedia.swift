/// The first offer/answer exchange of a call (RFC 3264 section 5 and 6).
public struct CallMedia: Hashable, Sendable {
    public var offer: MediaDescription?
    public var answer: MediaDescription?

    public init(offer: MediaDescription? = nil, answer: MediaDescription? = nil) {
        self.offer = offer
        self.answer = answer
    }

    /// The codec the call uses: the first one the answer lists that the offer also listed
    /// (RFC 3264 section 6.1: the answerer keeps the offer's formats it accepts, most preferred
    /// first), telephone-event and comfort noise aside.
    public var negotiatedCodec: String? {
        guard let offer, let answer, !answer.isRejected else { return nil }
        let offered = Set(offer.codecs.map { $0.lowercased() })
        return answer.codecs.first { codec in
            let name = codec.lowercased()
            return offered.contains(name) && !name.hasPrefix("telephone-event") && !name.hasPrefix("cn/")
        }
    }
}
