import Foundation

/// Decoding helpers for fields whose JSON type varies between server versions: numbers that come
/// as integers, as floats (`1678829072.0`) or as strings, and booleans that come as `0`/`1` or
/// `"true"`. A value of an unexpected type reads as absent rather than failing the whole response.
extension KeyedDecodingContainer {
    func lenientInt64(forKey key: Key) -> Int64? {
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return Self.int64(value) }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            let trimmed = text.trimmingSpaces()
            if let value = Int64(trimmed) { return value }
            if let value = Double(trimmed) { return Self.int64(value) }
        }
        return nil
    }

    func lenientInt(forKey key: Key) -> Int? {
        guard let value = lenientInt64(forKey: key) else { return nil }
        return Int(exactly: value)
    }

    func lenientString(forKey key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return String(value) }
        return nil
    }

    func lenientBool(forKey key: Key) -> Bool? {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return value != 0 }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            switch text.trimmingSpaces().lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: return nil
            }
        }
        return nil
    }

    /// A whole number of a float, or nil when it is not finite or out of range (never a trap).
    private static func int64(_ value: Double) -> Int64? {
        guard value.isFinite, value >= -9.2e18, value <= 9.2e18 else { return nil }
        return Int64(value.rounded(.towardZero))
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
