/// Rebuilds the byte streams of TCP connections from captured segments and decodes them
/// into SIP messages (plain or over WebSocket), HEP packets and gaps, in capture order.
///
/// Each connection (flow) has two ``TCPDirectionState``s. Flows are kept in
/// least-recently-active order; beyond ``CaptureLimits/maxTrackedFlows`` the least recently
/// active one is closed (what it holds is handed out) and forgotten. A SYN with a new
/// initial sequence number on a known flow starts a new connection on the same ports.
/// Output order depends only on the input: no dictionary order leaks.
final class TCPReassembler {
    let limits: CaptureLimits
    private var sink: StreamSink
    private var slotByKey: [TCPFlowKey: Int] = [:]
    private var slots: [TCPFlow?] = []
    /// Least-recently-active list through slot indices: `older[i]` and `newer[i]`, -1 at the ends.
    private var older: [Int] = []
    private var newer: [Int] = []
    private var oldest = -1
    private var newest = -1
    private var freeSlots: [Int] = []
    private var nextSerial = 0
    /// Encrypted flows already closed and forgotten.
    private var retiredEncryptedFlows: [EncryptedFlow] = []

    /// A reassembler holding no more than `limits` allow.
    init(limits: CaptureLimits = .default) {
        self.limits = limits
        sink = StreamSink(limits: limits)
    }

    /// Flows tracked now.
    var trackedFlowCount: Int { slotByKey.count }

    /// Problems worked around so far (limits reached, undecodable content), each kind once.
    var warnings: [CaptureWarning] { sink.warnings.warnings }

    /// Every connection found to carry TLS, ordered by the record that showed it.
    var encryptedFlows: [EncryptedFlow] {
        var flows = retiredEncryptedFlows
        for case let flow? in slots {
            if let encrypted = flow.encryptedFlow { flows.append(encrypted) }
        }
        return flows.sorted {
            ($0.firstRecordNumber, $0.client, $0.server) < ($1.firstRecordNumber, $1.client, $1.server)
        }
    }

    /// Takes one captured TCP segment sent from `source` to `destination`, appending what it
    /// completes to `outputs`.
    func ingest(
        _ segment: TCPSegment,
        source: Endpoint,
        destination: Endpoint,
        time: CaptureTime,
        recordNumber: Int,
        into outputs: inout [StreamOutput]
    ) {
        swap(&sink.outputs, &outputs)
        defer { swap(&sink.outputs, &outputs) }
        let key = TCPFlowKey(source, destination)
        let direction = key.directionIndex(from: source)
        var flow = flow(for: key, direction: direction, time: time, recordNumber: recordNumber)
        flow.lastTime = time
        flow.lastRecordNumber = recordNumber
        let flags = segment.flags
        if flags.contains(.rst) {
            // RFC 9293 section 3.10.7.4: a reset aborts the connection both ways.
            flow.close(time: time, recordNumber: recordNumber, sink: &sink)
            return
        }
        if flags.contains(.syn) {
            let state = flow.directions[direction]
            // A SYN on an ended direction, or with another initial sequence number, opens a
            // new connection on the same ports (RFC 9293 section 3.5 allows the reuse).
            if state.hasEnded || (state.isInitialised && state.synSequence != segment.sequenceNumber) {
                flow = restart(flow, direction: direction, time: time, recordNumber: recordNumber)
            }
        }
        flow.directions[direction].receive(
            sequenceNumber: segment.sequenceNumber,
            payload: segment.payload,
            syn: flags.contains(.syn),
            fin: flags.contains(.fin),
            time: time,
            recordNumber: recordNumber,
            sink: &sink
        )
        if flags.contains(.ack) {
            flow.directions[1 - direction].acknowledged(
                segment.acknowledgementNumber,
                time: time,
                recordNumber: recordNumber,
                sink: &sink
            )
        }
    }

    /// Ends the capture: every flow is closed (held bytes released with their holes as
    /// gaps, messages waiting for their body handed out), in the order flows were created.
    func finish(into outputs: inout [StreamOutput]) {
        swap(&sink.outputs, &outputs)
        defer { swap(&sink.outputs, &outputs) }
        let live = slots.compactMap { $0 }.sorted { $0.serial < $1.serial }
        for flow in live {
            flow.close(time: flow.lastTime, recordNumber: flow.lastRecordNumber, sink: &sink)
        }
    }

    // MARK: - Flow table

    /// The flow for `key`, created (dropping the least recently active flow when the table
    /// is full) when new, and marked most recently active.
    private func flow(for key: TCPFlowKey, direction: Int, time: CaptureTime, recordNumber: Int) -> TCPFlow {
        if let slot = slotByKey[key], let existing = slots[slot] {
            touch(slot)
            return existing
        }
        if slotByKey.count >= max(limits.maxTrackedFlows, 1) {
            evictOldest(recordNumber: recordNumber)
        }
        let flow = TCPFlow(
            key: key,
            serial: nextSerial,
            firstDirection: direction,
            time: time,
            recordNumber: recordNumber
        )
        nextSerial += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = flow
        } else {
            slot = slots.count
            slots.append(flow)
            older.append(-1)
            newer.append(-1)
        }
        slotByKey[key] = slot
        linkNewest(slot)
        return flow
    }

    /// Closes `flow` and puts a new connection with the same endpoints in its place.
    private func restart(_ flow: TCPFlow, direction: Int, time: CaptureTime, recordNumber: Int) -> TCPFlow {
        flow.close(time: time, recordNumber: recordNumber, sink: &sink)
        retire(flow)
        let fresh = TCPFlow(
            key: flow.key,
            serial: nextSerial,
            firstDirection: direction,
            time: time,
            recordNumber: recordNumber
        )
        nextSerial += 1
        if let slot = slotByKey[flow.key] {
            slots[slot] = fresh
        }
        return fresh
    }

    private func evictOldest(recordNumber: Int) {
        let slot = oldest
        guard slot >= 0, let flow = slots[slot] else { return }
        sink.warnings.report(
            "flowLimit",
            .limitReached,
            "more than \(limits.maxTrackedFlows) TCP connections at once; the least recently active were dropped",
            recordNumber: recordNumber
        )
        flow.close(time: flow.lastTime, recordNumber: flow.lastRecordNumber, sink: &sink)
        retire(flow)
        unlink(slot)
        slots[slot] = nil
        slotByKey[flow.key] = nil
        freeSlots.append(slot)
    }

    /// Keeps what must outlive a forgotten flow: that it was encrypted.
    private func retire(_ flow: TCPFlow) {
        guard let encrypted = flow.encryptedFlow else { return }
        guard retiredEncryptedFlows.count < max(limits.maxTrackedFlows, 1) else {
            sink.warnings.report(
                "encryptedFlowLimit",
                .limitReached,
                "more than \(limits.maxTrackedFlows) encrypted TCP connections; the later ones are not listed",
                recordNumber: flow.lastRecordNumber
            )
            return
        }
        retiredEncryptedFlows.append(encrypted)
    }

    private func touch(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        linkNewest(slot)
    }

    private func unlink(_ slot: Int) {
        let before = older[slot]
        let after = newer[slot]
        if before >= 0 { newer[before] = after } else { oldest = after }
        if after >= 0 { older[after] = before } else { newest = before }
        older[slot] = -1
        newer[slot] = -1
    }

    private func linkNewest(_ slot: Int) {
        older[slot] = newest
        newer[slot] = -1
        if newest >= 0 { newer[newest] = slot } else { oldest = slot }
        newest = slot
    }
}
