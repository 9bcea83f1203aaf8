/// Many literals looked for in one pass over a text: indexed by their first bytes, so the cost
/// follows the text's length, not the number of literals (a report on a large capture learns a
/// secret or a user per call).
struct LiteralIndex<Tag: Sendable>: Sendable {
    /// Literals shorter than this are not indexed.
    let keyLength: Int
    private var byKey: [UInt64: [(literal: [UInt8], tag: Tag)]] = [:]
    private var known: Set<[UInt8]> = []

    init(keyLength: Int) {
        self.keyLength = min(max(keyLength, 1), 8)
    }

    /// How many literals it holds.
    var count: Int { known.count }

    /// Adds `literal` with its `tag`; `false` when it is already there or too short.
    @discardableResult
    mutating func insert(_ literal: [UInt8], _ tag: Tag) -> Bool {
        guard literal.count >= keyLength, known.insert(literal).inserted else { return false }
        byKey[key(literal[...]), default: []].append((literal, tag))
        return true
    }

    /// Where the literals occur in `range`, the longest where several start at one place, none
    /// overlapping; with `wholeWord`, only those not touching a letter or digit on either side.
    func matches(in bytes: [UInt8], within range: Range<Int>, wholeWord: Bool) -> [(range: Range<Int>, tag: Tag)] {
        guard !byKey.isEmpty else { return [] }
        var found: [(range: Range<Int>, tag: Tag)] = []
        var position = range.lowerBound
        while position + keyLength <= range.upperBound {
            let startsWord = position == range.lowerBound || !SensitiveScanner.isAlphanumeric(bytes[position - 1])
            guard !wholeWord || startsWord, let candidates = byKey[key(bytes[position..<(position + keyLength)])]
            else {
                position += 1
                continue
            }
            let best = candidates.filter { candidate in
                let end = position + candidate.literal.count
                guard end <= range.upperBound, bytes[position..<end].elementsEqual(candidate.literal) else {
                    return false
                }
                return !wholeWord || end == range.upperBound || !SensitiveScanner.isAlphanumeric(bytes[end])
            }.max { $0.literal.count < $1.literal.count }
            if let best {
                found.append((position..<(position + best.literal.count), best.tag))
                position += best.literal.count
            } else {
                position += 1
            }
        }
        return found
    }

    private func key(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.prefix(keyLength).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
