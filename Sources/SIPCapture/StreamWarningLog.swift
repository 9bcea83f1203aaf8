/// The warnings stream decoding raised, each kind once however many records it concerns,
/// in the order they first happened.
struct StreamWarningLog {
    /// What a warning is about, so that a repeated problem is reported once.
    enum Kind: Hashable {
        case flowLimit
        case outOfOrderLimit
        case streamBufferLimit
        case webSocketMessageLimit
        case encryptedFlowLimit
        case compressedWebSocket
    }

    private(set) var warnings: [CaptureWarning] = []
    private var reported: Set<Kind> = []

    /// Records the warning unless one of the same kind was already recorded.
    mutating func report(_ kind: Kind, _ code: CaptureWarning.Code, _ message: String, recordNumber: Int?) {
        guard reported.insert(kind).inserted else { return }
        warnings.append(CaptureWarning(code, message, recordNumber: recordNumber))
    }
}
