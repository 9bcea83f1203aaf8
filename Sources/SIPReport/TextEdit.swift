/// One replacement in a byte text: what a redaction pass found and what stands there instead.
struct TextEdit: Sendable {
    var range: Range<Int>
    var replacement: [UInt8]
    /// The secret it removes, or `nil` for personal data replaced by a stand-in.
    var secret: SecretKind?

    /// `bytes` with `edits` applied; the edits are in order and do not overlap.
    static func apply(_ edits: [TextEdit], to bytes: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        for edit in edits where edit.range.lowerBound >= position && edit.range.upperBound <= bytes.count {
            output += bytes[position..<edit.range.lowerBound]
            output += edit.replacement
            position = edit.range.upperBound
        }
        output += bytes[position...]
        return output
    }
}
