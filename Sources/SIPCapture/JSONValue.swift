/// A JSON value (RFC 8259) as read by ``JSONParser``: just enough model to pick fields out of
/// the capture API's JSON answers.
///
/// Numbers keep their literal text, so that integers of any size are read exactly (or found
/// too large) rather than rounded through `Double`.
enum JSONValue: Equatable {
    case object(JSONObject)
    case array([JSONValue])
    case string(String)
    /// The number as written, already checked against the RFC 8259 section 6 grammar.
    case number(String)
    case bool(Bool)
    case null

    /// What kind of value this is, for error messages: "an object", "a string", ...
    var kindDescription: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    var object: JSONObject? { if case .object(let value) = self { value } else { nil } }
    var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }

    /// The value as a whole number: an integer literal, or a fraction or exponent that is
    /// whole (`1.7e15`), in 64 bits; `nil` otherwise (too large, fractional, not a number).
    var integer: Int64? {
        guard case .number(let text) = self else { return nil }
        if let value = Int64(text) { return value }
        guard let double = Double(text), double.isFinite, double.rounded() == double else { return nil }
        return Int64(exactly: double)
    }
}

/// A JSON object: members by name, and the names in the order written (for messages that list
/// what was seen). A repeated name keeps its last value, as most parsers do.
struct JSONObject: Equatable {
    var keys: [String] = []
    var members: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? { members[key] }

    mutating func set(_ key: String, _ value: JSONValue) {
        if members.updateValue(value, forKey: key) == nil { keys.append(key) }
    }
}
