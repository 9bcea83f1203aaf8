import SIPMessage

/// Everything a full parse of an INVITE touches; returns a number derived from the results so
/// the optimiser cannot drop the work.
enum FullParse {
    static func run(_ bytes: [UInt8]) -> Int {
        guard let message = try? SIPMessage(parsing: bytes) else { return 0 }
        return message.headerCount + message.validate().count
    }
}
