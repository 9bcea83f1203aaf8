/// One capture of `manifest.json` (see ``CaptureStore``).
struct CaptureEntry: Sendable, Decodable, Equatable {
    /// The SIP Call-ID a request's `sipCallId` must equal.
    let callId: String
    /// Epoch milliseconds of the first and last message; `nil` matches any window.
    let firstTime: Int64?
    let lastTime: Int64?
    /// File names relative to the directory, keyed `pcap`, `json`, `transaction`, `text`.
    let files: [String: String]

    init(callId: String, firstTime: Int64?, lastTime: Int64?, files: [String: String]) {
        self.callId = callId
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.files = files
    }

    private enum CodingKeys: String, CodingKey {
        case callId
        case firstTime
        case lastTime
        case files
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        callId = try container.decode(String.self, forKey: .callId)
        firstTime = try Self.milliseconds(container, .firstTime)
        lastTime = try Self.milliseconds(container, .lastTime)
        files = try container.decodeIfPresent([String: String].self, forKey: .files) ?? [:]
    }

    /// A fixture generator may write `1727395200000.0`; fractions of a millisecond are dropped.
    private static func milliseconds(
        _ container: KeyedDecodingContainer<CodingKeys>,
        _ key: CodingKeys
    ) throws -> Int64? {
        if let whole = try? container.decodeIfPresent(Int64.self, forKey: key) { return whole }
        guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard value.isFinite, abs(value) < 9e15 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "out of range")
        }
        return Int64(value)
    }

    /// Whether the capture's [firstTime, lastTime] meets the window [from, to] (either end open).
    func overlaps(from: Int64?, to: Int64?) -> Bool {
        if let from, let lastTime, lastTime < from { return false }
        if let to, let firstTime, firstTime > to { return false }
        return true
    }
}
