/// Extracts user messages from SCTP packets (RFC 9260) for SIP over SCTP (RFC 4168): DATA
/// chunks (type 0) and I-DATA chunks (type 64, RFC 8260), bundled several to a packet,
/// fragmented messages rebuilt, retransmissions dropped.
///
/// - The common header (RFC 9260 section 3.1) must be complete; chunk lengths are checked and
///   chunks are padded to 4 bytes (section 3.2). A malformed chunk stops the packet's decoding
///   with a warning; the messages before it are kept.
/// - Checksums are not verified: captures are often taken on the sending host before CRC32c
///   offload fills the checksum in, so a bad checksum in a capture usually means nothing.
/// - DATA fragments (B and E flags, section 3.3.1) of one user message have consecutive TSNs
///   (section 6.9) and the same stream (and SSN when ordered): they are joined by TSN within one
///   direction of an association, ordered and unordered alike. I-DATA fragments are joined by
///   stream, U flag and Message Identifier, in Fragment Sequence Number order (RFC 8260
///   section 2.1).
/// - A TSN seen before in the same direction is a retransmission and is dropped
///   (``SCTPTSNWindow``).
/// - An association direction is keyed by both endpoints and the verification tag, so that a
///   restarted association (new tags) does not mix with the old one.
///
/// State is bounded by ``CaptureLimits``: associations tracked (least recently active dropped),
/// fragments and bytes held per direction (oldest half shed), bytes held for all associations,
/// and the size of a rebuilt message (``CaptureLimits/maxSIPMessageLength``).
final class SCTPReassembler {
    private struct FlowKey: Hashable {
        var source: Endpoint
        var destination: Endpoint
        var verificationTag: UInt32
    }

    /// One DATA chunk of a fragmented user message.
    private struct DataFragment {
        var stream: UInt16
        var sequenceNumber: UInt16
        var isUnordered: Bool
        var isFirst: Bool
        var isLast: Bool
        var payloadProtocolIdentifier: UInt32
        var data: [UInt8]
        var recordNumber: Int
        var arrival: UInt64
    }

    /// Identifies an I-DATA user message (RFC 8260 section 2.1): ordered and unordered messages
    /// have separate Message Identifier spaces.
    private struct MessageKey: Hashable {
        var stream: UInt16
        var isUnordered: Bool
        var messageIdentifier: UInt32
    }

    /// The I-DATA fragments of one user message received so far, by Fragment Sequence Number.
    private final class PartialMessage {
        let arrival: UInt64
        var payloadProtocolIdentifier: UInt32?
        var lastFragment: UInt32?
        var highestFragment: UInt32 = 0
        var pieces: [UInt32: (data: [UInt8], recordNumber: Int)] = [:]
        var bytes = 0

        init(arrival: UInt64) {
            self.arrival = arrival
        }
    }

    /// One direction of an association.
    private final class Flow {
        var stamp: UInt64
        var window = SCTPTSNWindow()
        var fragments: [UInt32: DataFragment] = [:]
        var messages: [MessageKey: PartialMessage] = [:]
        /// DATA fragments plus I-DATA pieces held.
        var chunkCount = 0
        var bytes = 0

        init(stamp: UInt64) {
            self.stamp = stamp
        }
    }

    /// What one DATA or I-DATA chunk says, once parsed.
    private struct Chunk {
        var tsn: UInt32
        var stream: UInt16
        var isUnordered: Bool
        var isFirst: Bool
        var isLast: Bool
        var data: UnsafeRawBufferPointer
    }

    private let limits: CaptureLimits
    private var flows: [FlowKey: Flow] = [:]
    /// Flows by last activity, least recent first.
    private var activity = ReassemblyAgeQueue<FlowKey>()
    private var nextStamp: UInt64 = 0
    private var nextArrival: UInt64 = 0
    private var totalBytes = 0
    private var collector = WarningCollector()

    init(limits: CaptureLimits = .default) {
        self.limits = limits
    }

    /// Problems met so far, one warning per kind.
    var warnings: [CaptureWarning] { collector.warnings }

    /// Records a warning; `message` is fixed per kind, so repetitions are counted, not listed.
    private func warn(_ code: CaptureWarning.Code, _ message: String, recordNumber: Int) {
        collector.add(CaptureWarning(code, message, recordNumber: recordNumber))
    }

    /// Association directions tracked.
    var trackedFlowCount: Int { flows.count }

    /// Bytes of unassembled fragments held, all associations together.
    var bufferedByteCount: Int { totalBytes }

    /// Decodes one SCTP packet (`bytes` from the common header onward) and returns the user
    /// messages its DATA and I-DATA chunks complete, in chunk order; `nil` when the common header
    /// is incomplete.
    func ingest(
        _ bytes: UnsafeRawBufferPointer,
        source: IPAddress,
        destination: IPAddress,
        time: CaptureTime,
        recordNumber: Int
    ) -> [SCTPUserMessage]? {
        guard bytes.count >= 12, let sourcePort = bytes.u16(at: 0), let destinationPort = bytes.u16(at: 2),
            let verificationTag = bytes.u32(at: 4)
        else {
            warn(.malformedPacket, "SCTP packet shorter than its 12-byte common header", recordNumber: recordNumber)
            return nil
        }
        let key = FlowKey(
            source: Endpoint(address: source, port: sourcePort),
            destination: Endpoint(address: destination, port: destinationPort),
            verificationTag: verificationTag
        )
        var messages: [SCTPUserMessage] = []
        var flow: Flow?
        var offset = 12
        while offset < bytes.count {
            guard let type = bytes.u8(at: offset), let flags = bytes.u8(at: offset + 1),
                let declared = bytes.u16(at: offset + 2)
            else {
                warn(.malformedPacket, "SCTP chunk header cut short", recordNumber: recordNumber)
                break
            }
            let length = Int(declared)
            guard length >= 4 else {
                warn(
                    .malformedPacket,
                    "SCTP chunk length below 4; rest of the packet skipped",
                    recordNumber: recordNumber
                )
                break
            }
            guard let chunkBytes = bytes.slice(at: offset, count: length) else {
                warn(.malformedPacket, "SCTP chunk runs past the end of the packet", recordNumber: recordNumber)
                break
            }
            if type == 0 || type == 64, let chunk = parse(chunkBytes, type: type, flags: flags, record: recordNumber) {
                let current = flow ?? touch(key, recordNumber: recordNumber)
                flow = current
                let context = (key: key, flow: current, time: time, recordNumber: recordNumber)
                let message =
                    type == 0
                    ? receiveData(chunk, chunkBytes, context)
                    : receiveIData(chunk, chunkBytes, context)
                if let message { messages.append(message) }
            }
            // RFC 9260 section 3.2: the length excludes the padding to a multiple of 4 bytes.
            offset += (length + 3) & ~3
        }
        return messages
    }

    // MARK: - Chunks

    /// The fields DATA (RFC 9260 section 3.3.1: 16-byte header) and I-DATA (RFC 8260 section
    /// 2.1: 20-byte header) share; `nil`, with a warning, when there is no user data.
    private func parse(_ bytes: UnsafeRawBufferPointer, type: UInt8, flags: UInt8, record: Int) -> Chunk? {
        let headerLength = type == 0 ? 16 : 20
        guard bytes.count > headerLength, let tsn = bytes.u32(at: 4), let stream = bytes.u16(at: 8) else {
            warn(
                .malformedPacket,
                "SCTP DATA or I-DATA chunk without user data ignored",
                recordNumber: record
            )
            return nil
        }
        return Chunk(
            tsn: tsn,
            stream: stream,
            isUnordered: flags & 0x04 != 0,
            isFirst: flags & 0x02 != 0,
            isLast: flags & 0x01 != 0,
            data: bytes.slice(from: headerLength)
        )
    }

    private typealias Context = (key: FlowKey, flow: Flow, time: CaptureTime, recordNumber: Int)

    private func receiveData(
        _ chunk: Chunk,
        _ bytes: UnsafeRawBufferPointer,
        _ context: Context
    ) -> SCTPUserMessage? {
        guard let sequenceNumber = bytes.u16(at: 10), let identifier = bytes.u32(at: 12) else { return nil }
        guard context.flow.window.insert(chunk.tsn) else { return nil }
        if chunk.isFirst, chunk.isLast {
            return deliver(context, stream: chunk.stream, identifier: identifier, pieces: [chunk.data], records: [])
        }
        guard hold(chunk.data.count, context) else { return nil }
        context.flow.fragments[chunk.tsn] = DataFragment(
            stream: chunk.stream,
            sequenceNumber: sequenceNumber,
            isUnordered: chunk.isUnordered,
            isFirst: chunk.isFirst,
            isLast: chunk.isLast,
            payloadProtocolIdentifier: identifier,
            data: Array(chunk.data),
            recordNumber: context.recordNumber,
            arrival: nextArrival
        )
        nextArrival &+= 1
        return assembleData(around: chunk.tsn, context)
    }

    /// Looks for the first fragment before `tsn` and the last after it, through consecutive
    /// TSNs of the same stream (RFC 9260 section 6.9), and joins them when all are there.
    private func assembleData(around tsn: UInt32, _ context: Context) -> SCTPUserMessage? {
        let flow = context.flow
        guard let current = flow.fragments[tsn] else { return nil }
        func belongs(_ other: DataFragment) -> Bool {
            other.stream == current.stream && other.isUnordered == current.isUnordered
                && (current.isUnordered || other.sequenceNumber == current.sequenceNumber)
        }
        // Each step moves to another held fragment, so the walks end within the held count.
        var first = tsn
        var firstFragment = current
        while !firstFragment.isFirst {
            guard let previous = flow.fragments[first &- 1], !previous.isLast, belongs(previous) else { return nil }
            first &-= 1
            firstFragment = previous
        }
        var last = tsn
        var lastFragment = current
        while !lastFragment.isLast {
            guard let next = flow.fragments[last &+ 1], !next.isFirst, belongs(next) else { return nil }
            last &+= 1
            lastFragment = next
        }
        var pieces: [[UInt8]] = []
        var records: [Int] = []
        var position = first
        while true {
            if let fragment = flow.fragments.removeValue(forKey: position) {
                pieces.append(fragment.data)
                records.append(fragment.recordNumber)
                release(fragment.data.count, from: flow)
            }
            if position == last { break }
            position &+= 1
        }
        return deliver(
            context,
            stream: current.stream,
            identifier: firstFragment.payloadProtocolIdentifier,
            pieces: pieces,
            records: records
        )
    }

    private func receiveIData(
        _ chunk: Chunk,
        _ bytes: UnsafeRawBufferPointer,
        _ context: Context
    ) -> SCTPUserMessage? {
        guard let messageIdentifier = bytes.u32(at: 12), let identifierOrSequence = bytes.u32(at: 16) else {
            return nil
        }
        guard context.flow.window.insert(chunk.tsn) else { return nil }
        if chunk.isFirst, chunk.isLast {
            return deliver(
                context,
                stream: chunk.stream,
                identifier: identifierOrSequence,
                pieces: [chunk.data],
                records: []
            )
        }
        // RFC 8260 section 2.1: the first fragment carries the PPID and has FSN 0 implicitly;
        // the others carry their FSN there.
        let sequence: UInt32 = chunk.isFirst ? 0 : identifierOrSequence
        guard chunk.isFirst || sequence != 0 else {
            warn(
                .malformedPacket,
                "SCTP I-DATA fragment with FSN 0 but no B flag ignored",
                recordNumber: context.recordNumber
            )
            return nil
        }
        let messageKey = MessageKey(
            stream: chunk.stream,
            isUnordered: chunk.isUnordered,
            messageIdentifier: messageIdentifier
        )
        let flow = context.flow
        let message: PartialMessage
        if let existing = flow.messages[messageKey] {
            message = existing
        } else {
            message = PartialMessage(arrival: nextArrival)
            nextArrival &+= 1
        }
        if message.pieces[sequence] != nil { return nil }
        let consistent =
            chunk.isLast
            ? (message.lastFragment ?? sequence) == sequence && message.highestFragment <= sequence
            : message.lastFragment.map { sequence < $0 } ?? true
        guard consistent else {
            warn(
                .malformedPacket,
                "SCTP I-DATA fragments disagree on the message's end; message dropped",
                recordNumber: context.recordNumber
            )
            discard(messageKey, from: flow)
            return nil
        }
        let wasHeld = flow.messages[messageKey] != nil
        guard hold(chunk.data.count, context) else { return nil }
        if wasHeld, flow.messages[messageKey] !== message {
            // Making room shed this very message: its other pieces are gone, so this one goes too.
            release(chunk.data.count, from: flow)
            return nil
        }
        flow.messages[messageKey] = message
        message.pieces[sequence] = (Array(chunk.data), context.recordNumber)
        message.bytes += chunk.data.count
        message.highestFragment = max(message.highestFragment, sequence)
        if chunk.isFirst { message.payloadProtocolIdentifier = identifierOrSequence }
        if chunk.isLast { message.lastFragment = sequence }

        guard let identifier = message.payloadProtocolIdentifier, let lastFragment = message.lastFragment,
            UInt64(message.pieces.count) == UInt64(lastFragment) + 1
        else { return nil }
        // FSNs are distinct and none is above the last, so all of 0...last are there.
        var pieces: [[UInt8]] = []
        var records: [Int] = []
        pieces.reserveCapacity(message.pieces.count)
        var sequenceNumber: UInt32 = 0
        while true {
            guard let piece = message.pieces[sequenceNumber] else { return nil }
            pieces.append(piece.data)
            records.append(piece.recordNumber)
            if sequenceNumber == lastFragment { break }
            sequenceNumber += 1
        }
        discard(messageKey, from: flow)
        return deliver(context, stream: chunk.stream, identifier: identifier, pieces: pieces, records: records)
    }

    /// Joins the pieces into one message, unless it is larger than
    /// ``CaptureLimits/maxSIPMessageLength``. `records` are the stored fragments' records; the
    /// current record is added.
    private func deliver(
        _ context: Context,
        stream: UInt16,
        identifier: UInt32,
        pieces: [some Collection<UInt8>],
        records: [Int]
    ) -> SCTPUserMessage? {
        let total = pieces.reduce(0) { $0 + $1.count }
        guard total <= limits.maxSIPMessageLength else {
            warn(
                .limitReached,
                "SCTP user message larger than the SIP message limit dropped",
                recordNumber: context.recordNumber
            )
            return nil
        }
        var payload: [UInt8] = []
        payload.reserveCapacity(total)
        for piece in pieces { payload.append(contentsOf: piece) }
        return SCTPUserMessage(
            source: context.key.source,
            destination: context.key.destination,
            streamIdentifier: stream,
            payloadProtocolIdentifier: identifier,
            payload: payload,
            recordNumbers: Self.ascendingUnique(records, adding: context.recordNumber),
            time: context.time,
            fragmentCount: pieces.count
        )
    }

    /// `records` plus `extra`, sorted, each once (fragments may share a packet).
    private static func ascendingUnique(_ records: [Int], adding extra: Int) -> [Int] {
        if records.isEmpty { return [extra] }
        var sorted = records
        sorted.append(extra)
        sorted.sort()
        var unique: [Int] = []
        unique.reserveCapacity(sorted.count)
        for record in sorted where unique.last != record { unique.append(record) }
        return unique
    }

    // MARK: - Bounds

    /// The flow for `key`, marked as the most recently active; a new flow may push out the least
    /// recently active one.
    private func touch(_ key: FlowKey, recordNumber: Int) -> Flow {
        let stamp = nextStamp
        nextStamp &+= 1
        let flow: Flow
        if let existing = flows[key] {
            flow = existing
            flow.stamp = stamp
        } else {
            while flows.count >= max(limits.maxTrackedFlows, 1), let oldest = activity.front(isLive: isLive) {
                activity.removeFront()
                removeFlow(oldest.key)
                warn(
                    .limitReached,
                    "too many SCTP associations tracked; the least recently active were dropped",
                    recordNumber: recordNumber
                )
            }
            flow = Flow(stamp: stamp)
            flows[key] = flow
        }
        activity.append(key, stamp: stamp)
        activity.compactIfNeeded(liveCount: flows.count, isLive: isLive)
        return flow
    }

    private func isLive(_ key: FlowKey, _ stamp: UInt64) -> Bool {
        flows[key]?.stamp == stamp
    }

    /// Makes room for one more fragment of `count` bytes in the context's flow: sheds the flow's
    /// oldest fragments past its own caps, and whole least recently active flows past the total
    /// cap. `false` (fragment dropped) when it cannot fit even then.
    private func hold(_ count: Int, _ context: Context) -> Bool {
        let flow = context.flow
        while flow.chunkCount >= limits.maxSCTPPendingChunksPerDirection
            || flow.bytes > limits.maxStreamBufferPerDirection - count
        {
            warn(
                .limitReached,
                "SCTP fragments held per association direction reached the limit; the oldest were dropped",
                recordNumber: context.recordNumber
            )
            guard shedOldestHalf(of: flow) else { return false }
        }
        while totalBytes > limits.maxSCTPBufferedBytes - count {
            warn(
                .limitReached,
                "SCTP fragments held for all associations reached the limit; the least active were dropped",
                recordNumber: context.recordNumber
            )
            guard let oldest = activity.front(isLive: isLive) else { return false }
            if oldest.key == context.key {
                guard shedOldestHalf(of: flow) else { return false }
            } else {
                activity.removeFront()
                removeFlow(oldest.key)
            }
        }
        flow.chunkCount += 1
        flow.bytes += count
        totalBytes += count
        return true
    }

    private func release(_ count: Int, from flow: Flow) {
        flow.chunkCount -= 1
        flow.bytes -= count
        totalBytes -= count
    }

    /// Drops the older half (at least one) of the flow's incomplete messages and fragments, by
    /// arrival; `false` when it held nothing.
    private func shedOldestHalf(of flow: Flow) -> Bool {
        var arrivals = flow.fragments.values.map(\.arrival) + flow.messages.values.map(\.arrival)
        guard !arrivals.isEmpty else { return false }
        arrivals.sort()
        let cutoff = arrivals[(arrivals.count - 1) / 2]
        for (tsn, fragment) in flow.fragments where fragment.arrival <= cutoff {
            flow.fragments[tsn] = nil
            release(fragment.data.count, from: flow)
        }
        for (key, message) in flow.messages where message.arrival <= cutoff {
            discard(key, from: flow)
        }
        return true
    }

    private func discard(_ key: MessageKey, from flow: Flow) {
        guard let message = flow.messages.removeValue(forKey: key) else { return }
        flow.chunkCount -= message.pieces.count
        flow.bytes -= message.bytes
        totalBytes -= message.bytes
    }

    private func removeFlow(_ key: FlowKey) {
        guard let flow = flows.removeValue(forKey: key) else { return }
        totalBytes -= flow.bytes
    }
}
