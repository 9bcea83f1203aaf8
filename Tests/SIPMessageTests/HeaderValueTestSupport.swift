import Testing

@testable import SIPMessage

/// Header values as the message parser hands them over: a slice of a larger byte array, so
/// that offsets in errors are message offsets (here: 100 + the position in `text`).
let headerValueBase = 100

func headerValue(_ text: String) -> ArraySlice<UInt8> {
    headerValue(Array(text.utf8))
}

func headerValue(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    let message = [UInt8](repeating: 0x58, count: headerValueBase) + bytes + Array("\r\n".utf8)
    return message[headerValueBase..<(headerValueBase + bytes.count)]
}

/// Every prefix of `text` (and the whole) either parses or throws a ``SIPParseError`` whose
/// offset lies inside the prefix; nothing traps. Returns how many prefixes parsed.
@discardableResult
func forEveryPrefix(
    of text: String,
    _ parse: (ArraySlice<UInt8>) throws(SIPParseError) -> Void
) -> Int {
    let bytes = Array(text.utf8)
    var parsed = 0
    for length in 0...bytes.count {
        let value = headerValue(Array(bytes.prefix(length)))
        do {
            try parse(value)
            parsed += 1
        } catch {
            if let offset = error.offset {
                #expect(offset >= value.startIndex && offset <= value.endIndex, "offset \(offset) for prefix \(length)")
            }
            #expect(!error.reason.isEmpty)
        }
    }
    return parsed
}

/// Asserts that `parse` throws an error of `code` whose reason contains `fragment`, at `offset`
/// (a position in the text) when given.
func expectError<T>(
    _ text: String,
    _ code: SIPParseError.Code,
    _ fragment: String,
    offset: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ parse: (ArraySlice<UInt8>) throws(SIPParseError) -> T
) {
    do {
        let value = try parse(headerValue(text))
        Issue.record("expected \(code) for \(text.debugDescription), got \(value)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, "\(text.debugDescription): \(error.reason)", sourceLocation: sourceLocation)
        #expect(
            error.reason.contains(fragment),
            "\(text.debugDescription): reason \(error.reason.debugDescription) lacks \(fragment.debugDescription)",
            sourceLocation: sourceLocation
        )
        if let offset {
            #expect(
                error.offset == headerValueBase + offset,
                "\(text.debugDescription)",
                sourceLocation: sourceLocation
            )
        }
    }
}
