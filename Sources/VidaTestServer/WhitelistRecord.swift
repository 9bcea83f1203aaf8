/// One whitelist entry as the server stores it (vida-openapi.json: `ip`, `label`, `userId`,
/// `timestamp`).
struct WhitelistRecord: Sendable, Equatable {
    /// Every entry belongs to the same fake user, as the spec's example (`3`).
    static let userID: Int64 = 3

    let ip: String
    let label: String
    /// Epoch seconds, as the spec's example (`1678829072`).
    let timestamp: Int64

    var json: [String: Any] {
        ["ip": ip, "label": label, "userId": Self.userID, "timestamp": timestamp]
    }
}
