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
        return answer.codecs.first { codec in
            offer.codecs.contains { Self.sameName($0, codec) } && !Self.hasPrefix("telephone-event", codec)
                && !Self.hasPrefix("cn/", codec)
        }
    }

    /// Whether two codec names are the same once lowercased. Codec names are ASCII in practice
    /// and compared byte by byte; other names are lowercased as Unicode says.
    private static func sameName(_ left: String, _ right: String) -> Bool {
        guard left.utf8.allSatisfy({ $0 < 0x80 }), right.utf8.allSatisfy({ $0 < 0x80 }) else {
            return left.lowercased() == right.lowercased()
        }
        return left.utf8.elementsEqual(right.utf8) { asciiLowercased($0) == asciiLowercased($1) }
    }

    /// Whether `name`, lowercased, starts with `prefix` (lowercase ASCII).
    private static func hasPrefix(_ prefix: String, _ name: String) -> Bool {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased().hasPrefix(prefix) }
        return name.utf8.count >= prefix.utf8.count
            && zip(name.utf8, prefix.utf8).allSatisfy { asciiLowercased($0) == $1 }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
