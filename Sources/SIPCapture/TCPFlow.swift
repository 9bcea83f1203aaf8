/// Both directions of one TCP connection, as the reassembler tracks it.
final class TCPFlow {
    let key: TCPFlowKey
    /// Creation order, for a deterministic order of flows at the end of the capture.
    let serial: Int
    /// Index 0 carries data sent by `key.lower`, index 1 data sent by `key.upper`.
    var directions: [TCPDirectionState]
    /// The direction of the first segment seen.
    let firstDirection: Int
    /// When the last segment of the flow was captured, and its record: where gaps found
    /// when the flow is closed without a segment of its own are reported.
    var lastTime: CaptureTime
    var lastRecordNumber: Int

    /// A new connection whose first segment went in `firstDirection`.
    init(key: TCPFlowKey, serial: Int, firstDirection: Int, time: CaptureTime, recordNumber: Int) {
        self.key = key
        self.serial = serial
        self.firstDirection = firstDirection
        lastTime = time
        lastRecordNumber = recordNumber
        directions = [
            TCPDirectionState(source: key.lower, destination: key.upper),
            TCPDirectionState(source: key.upper, destination: key.lower),
        ]
    }

    /// Ends both directions, the first-seen one first.
    func close(time: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        directions[firstDirection].close(time: time, recordNumber: recordNumber, sink: &sink)
        directions[1 - firstDirection].close(time: time, recordNumber: recordNumber, sink: &sink)
    }

    /// What to report when either direction turned out to be TLS.
    var encryptedFlow: EncryptedFlow? {
        let decoders = directions.map(\.decoder)
        let tlsDecoders = decoders.filter { $0.mode == .tls }
        guard !tlsDecoders.isEmpty else { return nil }
        let records = tlsDecoders.reduce(0) { TCPStreamDecoder.saturatingSum($0, $1.tls.completeRecords) }
        let firstRecord = tlsDecoders.compactMap(\.firstTLSRecordNumber).min() ?? 0
        let client: Endpoint
        if let hello = tlsDecoders.first(where: { $0.tls.sentClientHello }) {
            client = hello.source
        } else if let hello = tlsDecoders.first(where: { $0.tls.sentServerHello }) {
            client = hello.destination
        } else if key.lower.port != key.upper.port {
            client = key.lower.port > key.upper.port ? key.lower : key.upper
        } else {
            client = directions[firstDirection].source
        }
        let server = client == key.lower ? key.upper : key.lower
        return EncryptedFlow(
            client: client,
            server: server,
            records: records,
            firstRecordNumber: firstRecord,
            transport: EncryptedFlow.guessTransport(serverPort: server.port)
        )
    }
}
