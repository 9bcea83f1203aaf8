/// The two endpoints of a TCP connection in a fixed order, so that segments of both
/// directions find the same flow.
struct TCPFlowKey: Hashable, Sendable {
    /// The smaller endpoint (``Endpoint`` ordering).
    let lower: Endpoint
    /// The larger endpoint.
    let upper: Endpoint

    /// The key of the connection between two endpoints, in either order.
    init(_ first: Endpoint, _ second: Endpoint) {
        if second < first {
            lower = second
            upper = first
        } else {
            lower = first
            upper = second
        }
    }

    /// 0 for data sent by ``lower``, 1 for data sent by ``upper``.
    func directionIndex(from source: Endpoint) -> Int {
        source == lower ? 0 : 1
    }
}
