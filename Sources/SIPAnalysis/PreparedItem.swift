import SIPCapture
import SIPMessage

/// A capture item as the analysis takes it: messages prepared (see ``PreparedMessage``),
/// events as they are.
enum PreparedItem: Sendable {
    case message(PreparedMessage)
    case event(CaptureEvent)

    /// Prepares `item`; see ``PreparedMessage/init(_:factHeaders:)``.
    init(_ item: CaptureItem, factHeaders: [SIPHeaderName]?) {
        switch item {
        case .message(let captured): self = .message(PreparedMessage(captured, factHeaders: factHeaders))
        case .event(let event): self = .event(event)
        }
    }
}
