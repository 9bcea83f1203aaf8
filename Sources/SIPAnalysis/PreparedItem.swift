import SIPCapture

/// A capture item as the analysis takes it: messages prepared (see ``PreparedMessage``),
/// events as they are.
enum PreparedItem: Sendable {
    case message(PreparedMessage)
    case event(CaptureEvent)

    init(_ item: CaptureItem, depth: PreparationDepth) {
        switch item {
        case .message(let captured): self = .message(PreparedMessage(captured, depth: depth))
        case .event(let event): self = .event(event)
        }
    }
}
