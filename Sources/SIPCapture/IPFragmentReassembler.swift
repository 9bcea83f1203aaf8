/// Rebuilds IPv4 (RFC 791 section 3.2) and IPv6 (RFC 8200 section 4.5) datagrams from their
/// fragments, with bounded state.
///
/// The caller parses the IP header(s) and hands over each fragment's payload with its byte
/// offset and More Fragments flag. Rules:
/// - Fragments may come in any order; exact duplicates (same offset and length, as captured twice
///   or retransmitted) are ignored, as RFC 8200 section 4.5 allows.
/// - Overlaps: for IPv4 the bytes received first win, so the result does not depend on what
///   arrives later, and a warning says so (Linux since 4.19 discards such datagrams; a capture
///   reader keeps them so that the SIP inside stays visible). For IPv6 the datagram is abandoned
///   (RFC 5722 section 4) and reported incomplete.
/// - A fragment that would make the payload longer than 65535 bytes is discarded (RFC 8200
///   section 4.5); fragments that disagree about where the datagram ends make it dropped as
///   corrupt, as Linux does.
/// - An IPv6 atomic fragment (offset 0, no More Fragments) is returned at once and never mixed
///   with other fragments (RFC 8200 section 4.5, RFC 6946 section 4).
/// - Caps from ``CaptureLimits``: fragments per datagram, datagrams pending, bytes buffered.
///   Reaching one drops the datagram concerned (or the oldest) and reports it incomplete.
///
/// Each datagram is assembled in one buffer that grows to the furthest byte received: fragments
/// in order are appended with one copy each, and the buffer is handed over without another copy.
///
/// Datagrams dropped for any reason, and those older than
/// ``CaptureLimits/fragmentTimeoutNanoseconds``, come out of ``expire(now:)``; call it regularly
/// (each record is fine: it looks at the oldest datagram only) and ``finish()`` at the end.
final class IPFragmentReassembler {
    /// The largest payload a reassembled datagram may have (RFC 791 total length, RFC 8200
    /// payload length: 16-bit fields).
    static let maxPayloadLength = 65_535

    /// One datagram waiting for fragments. A class so that its buffer is mutated in place in the
    /// table (a struct copied out of a dictionary would copy the buffer).
    private final class PendingDatagram {
        let serial: UInt64
        let firstRecordNumber: Int
        let firstTime: CaptureTime
        var recordNumbers: [Int] = []
        /// Accepted fragments as (offset, length), to recognise exact duplicates and count them.
        var extents: [(offset: Int, length: Int)] = []
        /// Byte ranges received so far, sorted and merged.
        var covered: [Range<Int>] = []
        /// Payload bytes; its count is the furthest byte received. Holes are zero until filled.
        var buffer: [UInt8] = []
        /// Known once the fragment without More Fragments has arrived.
        var totalLength: Int?

        init(serial: UInt64, firstRecordNumber: Int, firstTime: CaptureTime) {
            self.serial = serial
            self.firstRecordNumber = firstRecordNumber
            self.firstTime = firstTime
        }

        var isComplete: Bool {
            guard let totalLength else { return false }
            return covered.count == 1 && covered[0] == 0..<totalLength
        }

        func overlaps(_ range: Range<Int>) -> Bool {
            covered.contains { $0.overlaps(range) }
        }

        /// The parts of `range` not received yet, in order.
        func uncoveredParts(of range: Range<Int>) -> [Range<Int>] {
            var parts: [Range<Int>] = []
            var next = range.lowerBound
            for done in covered where done.upperBound > next {
                if done.lowerBound >= range.upperBound { break }
                if done.lowerBound > next { parts.append(next..<done.lowerBound) }
                next = max(next, done.upperBound)
                if next >= range.upperBound { break }
            }
            if next < range.upperBound { parts.append(next..<range.upperBound) }
            return parts
        }

        /// Adds `range` to ``covered``, merging with neighbours it overlaps or touches.
        func cover(_ range: Range<Int>) {
            var lower = range.lowerBound
            var upper = range.upperBound
            var merged: [Range<Int>] = []
            merged.reserveCapacity(covered.count + 1)
            var inserted = false
            for done in covered {
                if done.upperBound < lower {
                    merged.append(done)
                } else if done.lowerBound > upper {
                    if !inserted {
                        merged.append(lower..<upper)
                        inserted = true
                    }
                    merged.append(done)
                } else {
                    lower = min(lower, done.lowerBound)
                    upper = max(upper, done.upperBound)
                }
            }
            if !inserted { merged.append(lower..<upper) }
            covered = merged
        }

        /// Writes `bytes` at `position`, growing the buffer (zero-filling any hole before it).
        /// The caller has checked that `position + bytes.count` is at most 65535.
        func store(_ bytes: UnsafeRawBufferPointer, at position: Int) {
            if position > buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: position - buffer.count))
            }
            let inPlace = min(bytes.count, buffer.count - position)
            if inPlace > 0 {
                buffer.withUnsafeMutableBytes { destination in
                    UnsafeMutableRawBufferPointer(rebasing: destination[position..<(position + inPlace)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<inPlace]))
                }
            }
            if inPlace < bytes.count {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[inPlace...]))
            }
        }
    }

    private let limits: CaptureLimits
    private var pending: [FragmentKey: PendingDatagram] = [:]
    /// Pending datagrams in the order they started, for timeouts and "drop the oldest".
    private var age = ReassemblyAgeQueue<FragmentKey>()
    private var nextSerial: UInt64 = 0
    private var bufferedBytes = 0
    /// Datagrams dropped since the last ``expire(now:)``, at most ``CaptureLimits/maxPendingDatagrams``.
    private var dropped: [IncompleteDatagram] = []
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

    /// Datagrams waiting for fragments.
    var pendingCount: Int { pending.count }

    /// Payload bytes held for pending datagrams (bounded by ``CaptureLimits/maxFragmentBufferBytes``).
    var bufferedByteCount: Int { bufferedBytes }

    /// Adds one fragment. `offset` is the byte offset of this fragment's payload in the original
    /// payload (the header field times 8); `moreFragments` is the MF (IPv4) or M (IPv6) flag.
    /// Returns the whole payload (after the IP header(s): transport header onward) when this
    /// fragment completes it.
    func add(
        key: FragmentKey,
        offset: Int,
        moreFragments: Bool,
        payload: UnsafeRawBufferPointer,
        time: CaptureTime,
        recordNumber: Int
    ) -> ReassembledDatagram? {
        let length = payload.count
        guard offset >= 0, offset <= Self.maxPayloadLength - length else {
            warn(
                .malformedPacket,
                "IP fragment discarded: the reassembled payload would exceed 65535 bytes",
                recordNumber: recordNumber
            )
            return nil
        }
        if offset == 0, !moreFragments {
            return ReassembledDatagram(
                payload: Array(payload),
                recordNumbers: [recordNumber],
                fragmentCount: 1,
                time: time
            )
        }
        if length == 0, moreFragments {
            warn(.malformedPacket, "empty IP fragment that is not the last one ignored", recordNumber: recordNumber)
            return nil
        }
        let end = offset + length
        let datagram = pending[key] ?? start(key, time: time, recordNumber: recordNumber)
        if datagram.extents.contains(where: { $0.offset == offset && $0.length == length }) { return nil }
        let seen = datagram.extents.count + 1

        guard datagram.extents.count < limits.maxFragmentsPerDatagram else {
            warn(.limitReached, "IP datagram with too many fragments dropped", recordNumber: recordNumber)
            drop(key, reason: "too many fragments (more than \(limits.maxFragmentsPerDatagram))", fragmentsSeen: seen)
            return nil
        }
        if !moreFragments {
            guard datagram.totalLength == nil || datagram.totalLength == end, datagram.buffer.count <= end else {
                warn(.malformedPacket, "IP fragments disagree on the datagram's end", recordNumber: recordNumber)
                drop(key, reason: "inconsistent fragment lengths", fragmentsSeen: seen)
                return nil
            }
            datagram.totalLength = end
        } else if let totalLength = datagram.totalLength, end > totalLength {
            warn(.malformedPacket, "IP fragments disagree on the datagram's end", recordNumber: recordNumber)
            drop(key, reason: "inconsistent fragment lengths", fragmentsSeen: seen)
            return nil
        }
        let range = offset..<end
        if key.isIPv6, datagram.overlaps(range) {
            warn(.malformedPacket, "overlapping IPv6 fragments dropped (RFC 5722)", recordNumber: recordNumber)
            drop(key, reason: "overlapping IPv6 fragments (RFC 5722)", fragmentsSeen: seen)
            return nil
        }
        let growth = max(0, end - datagram.buffer.count)
        guard makeRoom(for: growth, sparing: key) else {
            warn(.limitReached, "IP fragment buffer limit reached; datagrams dropped", recordNumber: recordNumber)
            drop(key, reason: "fragment buffer limit reached", fragmentsSeen: seen)
            return nil
        }

        let before = datagram.buffer.count
        let parts = datagram.uncoveredParts(of: range)
        var newBytes = 0
        for part in parts {
            datagram.store(
                UnsafeRawBufferPointer(rebasing: payload[(part.lowerBound - offset)..<(part.upperBound - offset)]),
                at: part.lowerBound
            )
            newBytes += part.count
        }
        if newBytes < length {
            warn(
                .malformedPacket,
                "overlapping IPv4 fragments: the bytes received first were kept",
                recordNumber: recordNumber
            )
        }
        bufferedBytes += datagram.buffer.count - before
        if length > 0 { datagram.cover(range) }
        datagram.extents.append((offset, length))
        datagram.recordNumbers.append(recordNumber)

        guard datagram.isComplete else { return nil }
        pending[key] = nil
        bufferedBytes -= datagram.buffer.count
        let whole = datagram.buffer
        datagram.buffer = []
        return ReassembledDatagram(
            payload: whole,
            recordNumbers: datagram.recordNumbers,
            fragmentCount: datagram.extents.count,
            time: time
        )
    }

    /// Datagrams dropped since the last call (caps, overlaps, inconsistencies), then those whose
    /// first fragment is more than ``CaptureLimits/fragmentTimeoutNanoseconds`` older than `now`
    /// (RFC 8200 section 4.5 counts from the first-arriving fragment). Timeouts are checked from
    /// the oldest-started datagram on, stopping at the first that is still in time, so a
    /// datagram behind one with a later timestamp (capture time going backwards) expires later.
    func expire(now: CaptureTime) -> [IncompleteDatagram] {
        // Called for every record: nearly always there is nothing to do.
        if dropped.isEmpty, pending.isEmpty { return [] }
        var result = dropped
        dropped.removeAll()
        while let oldest = age.front(isLive: isLive), let datagram = pending[oldest.key] {
            let (elapsed, overflow) = now.nanoseconds.subtractingReportingOverflow(datagram.firstTime.nanoseconds)
            let expired = overflow ? now > datagram.firstTime : elapsed > limits.fragmentTimeoutNanoseconds
            guard expired else { break }
            age.removeFront()
            result.append(remove(oldest.key, datagram, reason: "fragments missing after \(timeoutText)"))
        }
        return result
    }

    /// End of capture: the dropped datagrams not yet reported, then every pending one (reason
    /// "capture ended") in the order they started. The reassembler is empty afterwards.
    func finish() -> [IncompleteDatagram] {
        var result = dropped
        dropped.removeAll()
        while let oldest = age.front(isLive: isLive), let datagram = pending[oldest.key] {
            age.removeFront()
            result.append(remove(oldest.key, datagram, reason: "capture ended"))
        }
        pending.removeAll()
        age.clear()
        bufferedBytes = 0
        return result
    }

    // MARK: - State

    private func isLive(_ key: FragmentKey, _ serial: UInt64) -> Bool {
        pending[key]?.serial == serial
    }

    private func start(_ key: FragmentKey, time: CaptureTime, recordNumber: Int) -> PendingDatagram {
        while pending.count >= max(limits.maxPendingDatagrams, 1), let oldest = age.front(isLive: isLive) {
            warn(.limitReached, "too many IP datagrams pending; the oldest were dropped", recordNumber: recordNumber)
            age.removeFront()
            dropOldest(oldest.key, reason: "too many datagrams pending (more than \(limits.maxPendingDatagrams))")
        }
        let datagram = PendingDatagram(serial: nextSerial, firstRecordNumber: recordNumber, firstTime: time)
        pending[key] = datagram
        age.append(key, stamp: nextSerial)
        nextSerial &+= 1
        age.compactIfNeeded(liveCount: pending.count, isLive: isLive)
        return datagram
    }

    /// Drops the oldest datagrams other than `key`'s until `growth` more bytes fit under
    /// ``CaptureLimits/maxFragmentBufferBytes``; `false` when `key`'s own datagram is the oldest
    /// left and they still do not fit.
    private func makeRoom(for growth: Int, sparing key: FragmentKey) -> Bool {
        while bufferedBytes > limits.maxFragmentBufferBytes - growth {
            guard let oldest = age.front(isLive: isLive), oldest.key != key else { return false }
            age.removeFront()
            dropOldest(oldest.key, reason: "fragment buffer limit reached")
        }
        return true
    }

    private func dropOldest(_ key: FragmentKey, reason: String) {
        guard let datagram = pending[key] else { return }
        report(remove(key, datagram, reason: reason))
    }

    /// Drops `key`'s datagram because of the fragment being added (counted in `fragmentsSeen`).
    private func drop(_ key: FragmentKey, reason: String, fragmentsSeen: Int) {
        guard let datagram = pending[key] else { return }
        var incomplete = remove(key, datagram, reason: reason)
        incomplete.fragmentsSeen = fragmentsSeen
        report(incomplete)
    }

    private func remove(_ key: FragmentKey, _ datagram: PendingDatagram, reason: String) -> IncompleteDatagram {
        pending[key] = nil
        bufferedBytes -= datagram.buffer.count
        return IncompleteDatagram(
            firstRecordNumber: datagram.firstRecordNumber,
            source: key.source,
            destination: key.destination,
            identification: key.identification,
            fragmentsSeen: datagram.extents.count,
            reason: reason
        )
    }

    private func report(_ incomplete: IncompleteDatagram) {
        guard dropped.count < max(limits.maxPendingDatagrams, 1) else {
            warn(
                .limitReached,
                "reports of dropped IP datagrams discarded: expire(now:) not called often enough",
                recordNumber: incomplete.firstRecordNumber
            )
            return
        }
        dropped.append(incomplete)
    }

    /// "60 s", or milliseconds for a timeout that is not whole seconds.
    private var timeoutText: String {
        let nanoseconds = limits.fragmentTimeoutNanoseconds
        if nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000) s" }
        return "\(nanoseconds / 1_000_000) ms"
    }
}
