/// One direction of a TCP connection: puts segments back in sequence order (RFC 9293
/// section 3.4, 32-bit sequence space with wraparound) and hands the in-order bytes to its
/// ``TCPStreamDecoder``.
///
/// - A SYN sets the next expected sequence number to ISN + 1; a direction first seen
///   without its SYN starts at the first sequence number seen.
/// - Retransmitted and overlapping bytes: the first received bytes win, later copies are
///   dropped, so the result does not depend on which copy is more recent.
/// - Segments ahead of the next expected byte are held (copied) until the hole fills,
///   within ``CaptureLimits/maxOutOfOrderSegmentsPerDirection`` segments and
///   ``CaptureLimits/maxStreamBufferPerDirection`` bytes (held plus buffered in the decoder).
/// - A hole is declared lost (a gap) when the peer acknowledges bytes beyond it (they
///   crossed the wire but the capture missed them), when holding more would pass the
///   caps, or when the direction is closed. The decoder outputs it (held back until the
///   direction is known to carry SIP, ``TCPStreamDecoder/isSIPRelated``).
/// - FIN (once every byte before it arrived) and RST end the direction.
struct TCPDirectionState {
    /// Segments further than this from the next expected byte are ignored as implausible:
    /// RFC 7323 section 2.3 caps the window at 2^30 bytes.
    static let maximumWindow = 1 << 30

    private(set) var decoder: TCPStreamDecoder
    private(set) var isInitialised = false
    private(set) var hasEnded = false
    /// The initial sequence number, when the SYN was seen.
    private(set) var synSequence: UInt32?
    private var nextSequence: UInt32 = 0
    /// Out-of-order bytes, sorted by sequence number and never overlapping.
    private var held: [TCPHeldSegment] = []
    private var heldBytes = 0
    private var finSequence: UInt32?
    /// The highest acknowledgement number the peer sent for this direction's bytes.
    private var peerAcknowledged: UInt32?

    /// A direction carrying bytes from `source` to `destination`, nothing seen yet.
    init(source: Endpoint, destination: Endpoint) {
        decoder = TCPStreamDecoder(source: source, destination: destination)
    }

    var source: Endpoint { decoder.source }
    var destination: Endpoint { decoder.destination }

    /// How far `later` is after `earlier` in sequence space (negative when before), per
    /// RFC 9293 section 3.4 modular comparison.
    static func distance(from earlier: UInt32, to later: UInt32) -> Int {
        Int(Int32(bitPattern: later &- earlier))
    }

    /// Takes one segment sent in this direction.
    mutating func receive(
        sequenceNumber: UInt32,
        payload: UnsafeRawBufferPointer,
        syn: Bool,
        fin: Bool,
        time: CaptureTime,
        recordNumber: Int,
        sink: inout StreamSink
    ) {
        guard !hasEnded else { return }
        var dataSequence = sequenceNumber
        if syn {
            // The SYN occupies one sequence number (RFC 9293 section 3.4).
            dataSequence = sequenceNumber &+ 1
            if !isInitialised {
                isInitialised = true
                synSequence = sequenceNumber
                nextSequence = dataSequence
                decoder.startedWithSYN()
            }
        }
        if !isInitialised {
            isInitialised = true
            nextSequence = dataSequence
        }
        let offset = Self.distance(from: nextSequence, to: dataSequence)
        guard offset > -Self.maximumWindow, offset < Self.maximumWindow, payload.count < Self.maximumWindow else {
            return
        }
        if fin, finSequence == nil {
            finSequence = dataSequence &+ UInt32(truncatingIfNeeded: payload.count)
        }
        if !payload.isEmpty {
            if offset > 0 {
                // Bytes before this segment are missing: if the peer already acknowledged
                // them, they will not come again.
                resolveAcknowledgedGap(time: time, recordNumber: recordNumber, sink: &sink)
            }
            accept(
                sequenceNumber: dataSequence,
                payload: payload,
                recordNumber: recordNumber,
                segmentTime: time,
                now: time,
                sink: &sink
            )
        }
        endIfFinReached(sink: &sink)
    }

    /// Takes the peer's acknowledgement number for this direction's bytes. When bytes are
    /// held beyond a hole and the peer acknowledges past the hole's start, the hole's bytes
    /// reached the peer but not the capture: they are declared lost.
    mutating func acknowledged(
        _ acknowledgementNumber: UInt32,
        time: CaptureTime,
        recordNumber: Int,
        sink: inout StreamSink
    ) {
        guard isInitialised, !hasEnded else { return }
        let ahead = Self.distance(from: nextSequence, to: acknowledgementNumber)
        guard ahead > 0, ahead < Self.maximumWindow else { return }
        if let known = peerAcknowledged, Self.distance(from: known, to: acknowledgementNumber) <= 0 {
            // An older acknowledgement: keep the highest.
        } else {
            peerAcknowledged = acknowledgementNumber
        }
        if !held.isEmpty {
            resolveAcknowledgedGap(time: time, recordNumber: recordNumber, sink: &sink)
        }
    }

    /// Ends the direction (RST, capture end, flow dropped): held bytes are released with
    /// their holes declared as gaps, bytes the peer acknowledged but the capture lacks are
    /// declared as a gap, and the decoder hands out what it has.
    mutating func close(time: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        guard isInitialised, !hasEnded else {
            hasEnded = true
            return
        }
        while !held.isEmpty, !hasEnded {
            skipToFirstHeld(time: time, recordNumber: recordNumber, sink: &sink)
        }
        resolveAcknowledgedGap(time: time, recordNumber: recordNumber, sink: &sink)
        guard !hasEnded else { return }
        hasEnded = true
        decoder.finish(sink: &sink)
    }

    // MARK: - Sequencing

    /// Delivers the new part of in-order bytes, or holds bytes that are ahead.
    private mutating func accept(
        sequenceNumber: UInt32,
        payload: UnsafeRawBufferPointer,
        recordNumber: Int,
        segmentTime: CaptureTime,
        now: CaptureTime,
        sink: inout StreamSink
    ) {
        let offset = Self.distance(from: nextSequence, to: sequenceNumber)
        let end = offset + payload.count
        guard end > 0 else { return }
        if offset > 0 {
            hold(
                offset: offset,
                payload: payload,
                recordNumber: recordNumber,
                segmentTime: segmentTime,
                now: now,
                sink: &sink
            )
            return
        }
        decoder.deliver(
            payload.slice(from: -offset),
            recordNumber: recordNumber,
            segmentTime: segmentTime,
            now: now,
            sink: &sink
        )
        nextSequence &+= UInt32(truncatingIfNeeded: end)
        releaseHeld(now: now, sink: &sink)
    }

    /// Keeps the bytes of a segment that are not already held, then enforces the caps by
    /// declaring the first hole lost until the held bytes fit.
    private mutating func hold(
        offset: Int,
        payload: UnsafeRawBufferPointer,
        recordNumber: Int,
        segmentTime: CaptureTime,
        now: CaptureTime,
        sink: inout StreamSink
    ) {
        let end = offset + payload.count
        var cursor = offset
        var pieces: [Range<Int>] = []
        for segment in held {
            let segmentStart = Self.distance(from: nextSequence, to: segment.sequenceNumber)
            let segmentEnd = segmentStart + segment.bytes.count
            if segmentEnd <= cursor { continue }
            if segmentStart >= end { break }
            if segmentStart > cursor { pieces.append(cursor..<segmentStart) }
            cursor = max(cursor, segmentEnd)
        }
        if cursor < end { pieces.append(cursor..<end) }
        for piece in pieces {
            let bytes = TCPStreamDecoder.copy(
                payload.slice(at: piece.lowerBound - offset, count: piece.count)
                    ?? UnsafeRawBufferPointer(start: nil, count: 0)
            )
            let segment = TCPHeldSegment(
                sequenceNumber: nextSequence &+ UInt32(truncatingIfNeeded: piece.lowerBound),
                bytes: bytes,
                recordNumber: recordNumber,
                time: segmentTime
            )
            var index = held.count
            while index > 0, Self.distance(from: nextSequence, to: held[index - 1].sequenceNumber) > piece.lowerBound {
                index -= 1
            }
            held.insert(segment, at: index)
            heldBytes += bytes.count
        }
        let limits = sink.limits
        while !held.isEmpty,
            held.count > limits.maxOutOfOrderSegmentsPerDirection
                || heldBytes + decoder.bufferedBytes > limits.maxStreamBufferPerDirection
        {
            sink.warnings.report(
                "outOfOrderLimit",
                .limitReached,
                "TCP segments waiting for a hole to fill passed the limit of "
                    + "\(limits.maxOutOfOrderSegmentsPerDirection) segments or "
                    + "\(limits.maxStreamBufferPerDirection) bytes; the hole was reported as a gap",
                recordNumber: recordNumber
            )
            skipToFirstHeld(time: now, recordNumber: recordNumber, sink: &sink)
        }
    }

    /// Hands the held segments that are now in order to the decoder.
    private mutating func releaseHeld(now: CaptureTime, sink: inout StreamSink) {
        var released = 0
        var releasedBytes = 0
        while released < held.count {
            let segment = held[released]
            let offset = Self.distance(from: nextSequence, to: segment.sequenceNumber)
            if offset > 0 { break }
            released += 1
            releasedBytes += segment.bytes.count
            let end = offset + segment.bytes.count
            guard end > 0 else { continue }
            segment.bytes.withUnsafeBytes { bytes in
                decoder.deliver(
                    bytes.slice(from: -offset),
                    recordNumber: segment.recordNumber,
                    segmentTime: segment.time,
                    now: now,
                    sink: &sink
                )
            }
            nextSequence &+= UInt32(truncatingIfNeeded: end)
        }
        if released > 0 {
            held.removeFirst(released)
            heldBytes -= releasedBytes
        }
        endIfFinReached(sink: &sink)
    }

    /// Declares the hole before the first held segment lost and releases what follows it.
    private mutating func skipToFirstHeld(time: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        guard let first = held.first else { return }
        let missing = Self.distance(from: nextSequence, to: first.sequenceNumber)
        if missing > 0 {
            declareGap(missing: missing, time: time, recordNumber: recordNumber, sink: &sink)
            nextSequence = first.sequenceNumber
        }
        releaseHeld(now: time, sink: &sink)
    }

    /// Declares lost the bytes up to the peer's acknowledgement that are not held.
    private mutating func resolveAcknowledgedGap(time: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        guard let acknowledged = peerAcknowledged else { return }
        while !hasEnded {
            var missing = Self.distance(from: nextSequence, to: acknowledged)
            guard missing > 0 else { return }
            if let first = held.first {
                missing = min(missing, Self.distance(from: nextSequence, to: first.sequenceNumber))
            }
            if let fin = finSequence {
                missing = min(missing, Self.distance(from: nextSequence, to: fin))
            }
            if missing > 0 {
                declareGap(missing: missing, time: time, recordNumber: recordNumber, sink: &sink)
                nextSequence &+= UInt32(truncatingIfNeeded: missing)
            }
            let before = nextSequence
            releaseHeld(now: time, sink: &sink)
            if missing <= 0, before == nextSequence, !hasEnded { return }
        }
    }

    private mutating func declareGap(missing: Int, time: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        decoder.gap(missing: missing, now: time, recordNumber: recordNumber, sink: &sink)
    }

    /// Ends the direction once every byte before its FIN was delivered.
    private mutating func endIfFinReached(sink: inout StreamSink) {
        guard let fin = finSequence, !hasEnded, Self.distance(from: nextSequence, to: fin) <= 0 else { return }
        hasEnded = true
        nextSequence = fin &+ 1
        held = []
        heldBytes = 0
        decoder.finish(sink: &sink)
    }
}
