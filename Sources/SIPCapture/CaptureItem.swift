/// What a capture yields, in capture order: SIP messages, and the events around them that
/// the analysis needs (ICMP errors, stream gaps, datagrams that never completed).
public enum CaptureItem: Hashable, Sendable {
    case message(CapturedMessage)
    case event(CaptureEvent)
}
