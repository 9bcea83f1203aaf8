/// What the analysis looks at and keeps.
public struct AnalysisOptions: Hashable, Sendable {
    /// Headers whose value names a related call leg (a B2BUA's other Call-ID).
    public var relatedLegHeaders: [String]
    public var messageRetention: MessageRetention
    /// Only these Call-IDs are analysed (all when `nil`); other messages are counted only.
    public var callIDs: Set<String>?

    public init(
        relatedLegHeaders: [String] = ["X-Call-ID", "X-CID"],
        messageRetention: MessageRetention = .none,
        callIDs: Set<String>? = nil
    ) {
        self.relatedLegHeaders = relatedLegHeaders
        self.messageRetention = messageRetention
        self.callIDs = callIDs
    }

    /// Homer's convention for the second leg of a B2BUA: the first leg's Call-ID plus this suffix.
    public static let homerLegSuffix = "_b2b-1"
}
