/// Decodes the in-order bytes of one direction of a TCP connection into SIP messages, HEP
/// packets or nothing, and keeps what a message needs from the capture (the records that
/// carried it, gaps and skipped bytes before it).
///
/// What the direction carries is decided from its first bytes (``StreamClassifier``): SIP
/// framed by Content-Length (RFC 3261 section 18.3), HEP3 packets, a WebSocket upgrade and
/// then frames (RFC 6455, RFC 7118), or TLS, whose records are only counted. A direction
/// seen from its SYN whose first bytes are none of these is ignored; one first seen in the
/// middle (no SYN, or the first bytes lost) is scanned for a place where SIP, HEP or
/// WebSocket framing starts (``StreamResyncScanner``), as is a direction after a gap.
///
/// Bytes are decoded straight from the segment when nothing is buffered, so a message
/// inside one segment is copied once, into its payload; only the unframed tail of a
/// segment is kept, in a buffer read through an offset and compacted when half consumed.
struct TCPStreamDecoder {
    /// What the direction is known to carry.
    enum Mode: Hashable, Sendable {
        /// Nothing decided yet; `cleanStart` when the SYN was seen, so the first byte is the
        /// first byte the sender wrote.
        case classifying(cleanStart: Bool)
        /// Content of an unknown kind whose framing must be found.
        case undetermined
        case sip
        case hep
        /// An HTTP request, waiting for its end to see whether it asks for WebSocket.
        case httpRequest
        /// An HTTP `101` response, waiting for its end.
        case httpResponse
        case webSocket
        case tls
        /// Not SIP-related: bytes are dropped unseen.
        case ignored
    }

    /// What the current segment brought: for messages completed by it.
    private struct Delivery {
        var time: CaptureTime
        var recordNumber: Int
    }

    private enum Action {
        case needMore
        case consume(Int)
        /// Bytes dropped while looking for framing: reported on the next message.
        case skip(Int)
        case sipMessage(length: Int, hasContentLength: Bool)
        case hepPacket(length: Int)
        case webSocketMessage(consumed: Int)
    }

    let source: Endpoint
    let destination: Endpoint
    private(set) var mode: Mode = .classifying(cleanStart: false)
    private var resynchronising = false
    private var storage: [UInt8] = []
    private var readIndex = 0
    private var ledger = StreamLedger()
    private var sipFramer = SIPStreamFramer()
    private var webSocket = WebSocketFrameDecoder()
    /// Record counts of a TLS direction.
    private(set) var tls = TLSRecordCounter()
    /// The record whose bytes showed the direction is TLS.
    private(set) var firstTLSRecordNumber: Int?
    private var httpScanResume = 0
    /// Stream offset where the next resynchronisation scan starts.
    private var scanResume = 0
    private var missingBytes = 0
    private var skippedBytes = 0
    private var hasEmitted = false
    /// Gaps seen before the direction was known to carry SIP, merged.
    private var deferredGap: StreamGap?

    /// A decoder for bytes from `source` to `destination`; what they carry is decided later.
    init(source: Endpoint, destination: Endpoint) {
        self.source = source
        self.destination = destination
    }

    /// Marks the direction as seen from its SYN, before any byte arrived.
    mutating func startedWithSYN() {
        if mode == .classifying(cleanStart: false), ledger.end == 0 {
            mode = .classifying(cleanStart: true)
        }
    }

    /// Whether the direction is known to carry SIP (plain, over WebSocket or in HEP): only
    /// then are its gaps output at once. Gaps in a stream not recognised yet are held back
    /// (merged into one) until it yields something, so that non-SIP and TLS streams give
    /// no gap noise.
    var isSIPRelated: Bool {
        switch mode {
        case .sip, .hep, .webSocket, .httpRequest, .httpResponse: true
        case .classifying, .undetermined, .tls, .ignored: hasEmitted
        }
    }

    /// Bytes held: the unframed tail of the stream and the WebSocket message in progress.
    var bufferedBytes: Int { storage.count - readIndex + webSocket.bufferedBytes }

    /// Takes the next in-order bytes of the direction.
    ///
    /// `recordNumber` and `segmentTime` are those of the segment that carried the bytes;
    /// `now` is when they became deliverable (later than `segmentTime` when the segment
    /// arrived out of order), the time given to messages they complete.
    mutating func deliver(
        _ bytes: UnsafeRawBufferPointer,
        recordNumber: Int,
        segmentTime: CaptureTime,
        now: CaptureTime,
        sink: inout StreamSink
    ) {
        guard !bytes.isEmpty, mode != .ignored else { return }
        let base = ledger.end - (storage.count - readIndex)
        ledger.append(count: bytes.count, recordNumber: recordNumber, time: segmentTime)
        let delivery = Delivery(time: now, recordNumber: recordNumber)
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 4096)
            readIndex = 0
            let used = run(bytes, base: base, delivery: delivery, sink: &sink)
            if used < bytes.count {
                storage.append(contentsOf: bytes.slice(from: used))
            }
        } else {
            storage.append(contentsOf: bytes)
            var local: [UInt8] = []
            swap(&local, &storage)
            let start = readIndex
            let used = local.withUnsafeBytes { all in
                run(all.slice(from: start), base: base, delivery: delivery, sink: &sink)
            }
            swap(&local, &storage)
            readIndex += used
        }
        compact()
        if storage.count - readIndex > sink.limits.maxStreamBufferPerDirection {
            sink.warnings.report(
                "streamBufferLimit",
                .limitReached,
                "a TCP stream held more than \(sink.limits.maxStreamBufferPerDirection) unframed bytes; they were dropped",
                recordNumber: recordNumber
            )
            dropBuffered()
        }
        let consumed = ledger.end - (storage.count - readIndex)
        ledger.discard(before: min(consumed, webSocket.messageStart ?? consumed))
    }

    /// Accounts for `missing` bytes the capture lacks before the next delivered byte.
    ///
    /// A SIP message whose header section was complete is handed out with what it has
    /// (`incompleteBody`); anything else in progress is dropped, and decoding looks for
    /// framing again from the next byte.
    mutating func gap(missing: Int, now: CaptureTime, recordNumber: Int, sink: inout StreamSink) {
        let event = StreamGap(
            time: now,
            recordNumber: recordNumber,
            source: source,
            destination: destination,
            missingBytes: missing
        )
        let reportNow = isSIPRelated
        defer {
            if reportNow {
                sink.outputs.append(.gap(event))
            } else if mode != .tls, mode != .ignored {
                if var merged = deferredGap {
                    merged.missingBytes = Self.saturatingSum(merged.missingBytes, missing)
                    deferredGap = merged
                } else {
                    deferredGap = event
                }
            }
        }
        switch mode {
        case .sip:
            emitIncompleteMessage(sink: &sink)
            dropBuffered()
        case .tls:
            tls.skip(lost: missing)
        case .ignored:
            break
        default:
            dropBuffered()
        }
        if mode != .tls, mode != .ignored {
            missingBytes = Self.saturatingSum(missingBytes, missing)
        }
    }

    /// Ends the direction: a SIP message waiting for its body is handed out with what it has.
    mutating func finish(sink: inout StreamSink) {
        if mode == .sip {
            emitIncompleteMessage(sink: &sink)
        }
        storage = []
        readIndex = 0
        sipFramer.reset()
        webSocket.reset()
        ledger.discard(before: ledger.end)
    }

    // MARK: - Decoding loop

    /// Decodes `view` (starting at stream offset `base`) until more bytes are needed;
    /// returns how many bytes were consumed.
    private mutating func run(
        _ view: UnsafeRawBufferPointer,
        base: Int,
        delivery: Delivery,
        sink: inout StreamSink
    ) -> Int {
        var position = 0
        var stalledSteps = 0
        while true {
            let rest = view.slice(from: position)
            let offset = base + position
            let consumed: Int
            switch step(rest, at: offset, delivery: delivery, sink: &sink) {
            case .needMore:
                return position
            case .consume(let count):
                consumed = count
            case .skip(let count):
                skippedBytes = Self.saturatingSum(skippedBytes, count)
                consumed = count
            case .sipMessage(let length, let hasContentLength):
                let payload = Self.copy(rest.prefix(upTo: length))
                emitSIP(
                    payload: payload,
                    from: offset,
                    to: offset + length,
                    extraNote: hasContentLength ? nil : .framedWithoutContentLength,
                    time: delivery.time,
                    sink: &sink
                )
                consumed = length
            case .hepPacket(let length):
                let records = ledger.recordNumbers(from: offset, to: offset + length)
                emitDeferredGap(sink: &sink)
                sink.outputs.append(
                    .hep(bytes: Self.copy(rest.prefix(upTo: length)), time: delivery.time, recordNumbers: records)
                )
                missingBytes = 0
                skippedBytes = 0
                consumed = length
            case .webSocketMessage(let count):
                emitWebSocketMessage(end: offset + count, time: delivery.time, sink: &sink)
                consumed = count
            }
            position += min(max(consumed, 0), rest.count)
            // Mode changes consume nothing; a few in a row are fine, more would be a bug.
            stalledSteps = consumed == 0 ? stalledSteps + 1 : 0
            if stalledSteps > 8 { return position }
        }
    }

    /// One decoding step on the bytes from stream offset `offset`.
    private mutating func step(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        delivery: Delivery,
        sink: inout StreamSink
    ) -> Action {
        guard !bytes.isEmpty else { return .needMore }
        let limits = sink.limits
        switch mode {
        case .ignored:
            return .consume(bytes.count)
        case .tls:
            tls.consume(bytes)
            return .consume(bytes.count)
        case .classifying(let cleanStart):
            return classify(bytes, at: offset, cleanStart: cleanStart, limits: limits)
        case .undetermined:
            return resynchronise(bytes, at: offset, targets: [.sip, .hep, .webSocket], limits: limits)
        case .sip:
            if resynchronising { return resynchronise(bytes, at: offset, targets: .sip, limits: limits) }
            switch sipFramer.step(bytes, maximumLength: limits.maxSIPMessageLength) {
            case .needMore:
                return .needMore
            case .whitespace(let count):
                return .consume(count)
            case .lostSync(let discard):
                resynchronising = true
                scanResume = offset + discard
                return .skip(discard)
            case .message(let length, let hasContentLength):
                return .sipMessage(length: length, hasContentLength: hasContentLength)
            case .hep:
                mode = .hep
                return .consume(0)
            }
        case .hep:
            if resynchronising { return resynchronise(bytes, at: offset, targets: .hep, limits: limits) }
            switch HEPStreamFramer.packetLength(bytes) {
            case .length(let length):
                return bytes.count >= length ? .hepPacket(length: length) : .needMore
            case .needMore:
                return .needMore
            case .notHEP:
                resynchronising = true
                scanResume = offset
                return .consume(0)
            }
        case .webSocket:
            if resynchronising { return resynchronise(bytes, at: offset, targets: .webSocket, limits: limits) }
            switch webSocket.step(bytes, at: offset, recordNumber: delivery.recordNumber, sink: &sink) {
            case .needMore:
                return .needMore
            case .consumed(let count):
                return .consume(count)
            case .message(let count):
                return .webSocketMessage(consumed: count)
            case .invalid:
                resynchronising = true
                scanResume = offset
                return .consume(0)
            }
        case .httpRequest, .httpResponse:
            return httpHandshake(bytes, limits: limits)
        }
    }

    private mutating func classify(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        cleanStart: Bool,
        limits: CaptureLimits
    ) -> Action {
        var whitespace = 0
        while let byte = bytes.u8(at: whitespace), byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 {
            whitespace += 1
        }
        if whitespace > 0 { return .consume(whitespace) }
        switch StreamClassifier.classify(bytes, maximumWebSocketPayload: limits.maxSIPMessageLength) {
        case .needMore:
            return .needMore
        case .tls:
            mode = .tls
            firstTLSRecordNumber = ledger.recordNumbers(from: offset, to: offset + 1).first
        case .hep:
            mode = .hep
        case .webSocket:
            mode = .webSocket
        case .httpRequest:
            mode = .httpRequest
            httpScanResume = 0
        case .httpSwitchingProtocols:
            mode = .httpResponse
            httpScanResume = 0
        case .sip where cleanStart:
            mode = .sip
        case .sip:
            // In the middle of a connection a start line can be glued to the end of a body;
            // the scanner finds where it really starts.
            mode = .undetermined
            scanResume = offset
        case .other:
            mode = cleanStart ? .ignored : .undetermined
            scanResume = offset
        }
        return .consume(0)
    }

    /// Waits for the end of the HTTP header section of the opening handshake (RFC 6455
    /// section 4): a request switches the direction to WebSocket when it has
    /// `Upgrade: websocket` (the client may send frames only after the server's 101, so
    /// the request is enough); the `101` response switches the server's direction.
    private mutating func httpHandshake(_ bytes: UnsafeRawBufferPointer, limits: CaptureLimits) -> Action {
        let (found, resume) = StreamHeaderSection.findEnd(bytes, from: httpScanResume)
        guard let end = found else {
            httpScanResume = resume
            guard bytes.count <= limits.maxSIPMessageLength else {
                mode = .ignored
                return .consume(bytes.count)
            }
            return .needMore
        }
        httpScanResume = 0
        if mode == .httpRequest,
            !StreamHeaderSection.header(bytes, lines: 0..<end, named: "upgrade", contains: "websocket")
        {
            mode = .ignored
            return .consume(bytes.count)
        }
        mode = .webSocket
        webSocket.reset()
        resynchronising = false
        return .consume(end)
    }

    /// Looks for where framing starts again; switches mode when it is found.
    private mutating func resynchronise(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        targets: StreamResyncScanner.Targets,
        limits: CaptureLimits
    ) -> Action {
        let start = min(max(scanResume - offset, 0), bytes.count)
        switch StreamResyncScanner.scan(
            bytes,
            from: start,
            targets: targets,
            maximumWebSocketPayload: limits.maxSIPMessageLength
        ) {
        case .found(let position, let kind):
            switch kind {
            case .sip:
                mode = .sip
                sipFramer.reset()
            case .hep:
                mode = .hep
            case .webSocket:
                mode = .webSocket
                webSocket.reset()
            }
            resynchronising = false
            scanResume = offset + position
            return .skip(position)
        case .notFound(let discardable, let resume):
            scanResume = offset + resume
            return discardable > 0 ? .skip(discardable) : .needMore
        }
    }

    // MARK: - Output

    private mutating func emitSIP(
        payload: [UInt8],
        from start: Int,
        to end: Int,
        extraNote: CaptureNote?,
        time: CaptureTime,
        sink: inout StreamSink
    ) {
        let records = ledger.recordNumbers(from: start, to: end)
        var notes = takeNotes(segments: records.count, sink: &sink)
        if let extraNote { notes.append(extraNote) }
        sink.outputs.append(
            .message(
                CapturedMessage(
                    time: time,
                    source: source,
                    destination: destination,
                    transport: .tcp,
                    recordNumbers: records,
                    payload: payload,
                    notes: notes
                )
            )
        )
    }

    /// Hands out a complete WebSocket message if it is SIP. Leading whitespace is dropped,
    /// and a message of whitespace only (a keep-alive) or not starting with a SIP start
    /// line is not emitted.
    private mutating func emitWebSocketMessage(end: Int, time: CaptureTime, sink: inout StreamSink) {
        let (payload, messageStart) = webSocket.takeMessage()
        var leading = 0
        for byte in payload {
            guard byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 else { break }
            leading += 1
        }
        guard leading < payload.count else { return }
        let message = leading == 0 ? payload : Array(payload[leading...])
        guard message.withUnsafeBytes({ SIPStartLine.looksLikeSIP($0) }) else { return }
        let records = ledger.recordNumbers(from: messageStart ?? end, to: end)
        let notes = takeNotes(segments: records.count, sink: &sink)
        sink.outputs.append(
            .message(
                CapturedMessage(
                    time: time,
                    source: source,
                    destination: destination,
                    transport: .ws,
                    recordNumbers: records,
                    payload: message,
                    notes: notes
                )
            )
        )
    }

    /// A SIP message whose headers were complete but whose body was cut short, with what it has.
    private mutating func emitIncompleteMessage(sink: inout StreamSink) {
        guard let pending = sipFramer.pendingBody, storage.count > readIndex else { return }
        let payload = Array(storage[readIndex...])
        let end = ledger.end
        let start = end - payload.count
        let time = ledger.time(before: end) ?? CaptureTime(nanoseconds: 0)
        emitSIP(
            payload: payload,
            from: start,
            to: end,
            extraNote: .incompleteBody(expected: pending.contentLength, received: payload.count - pending.headerLength),
            time: time,
            sink: &sink
        )
        readIndex = storage.count
        sipFramer.reset()
    }

    /// Outputs the gaps held back while the direction was not known to carry SIP, before
    /// the first thing it yields.
    private mutating func emitDeferredGap(sink: inout StreamSink) {
        hasEmitted = true
        if let gap = deferredGap {
            sink.outputs.append(.gap(gap))
            deferredGap = nil
        }
    }

    /// The notes every message carries about how it was found, in a fixed order.
    private mutating func takeNotes(segments: Int, sink: inout StreamSink) -> [CaptureNote] {
        emitDeferredGap(sink: &sink)
        var notes: [CaptureNote] = []
        if missingBytes > 0 { notes.append(.followsGap(missingBytes: missingBytes)) }
        if skippedBytes > 0 { notes.append(.resynchronised(skippedBytes: skippedBytes)) }
        if segments > 1 { notes.append(.reassembledFromSegments(segments)) }
        missingBytes = 0
        skippedBytes = 0
        return notes
    }

    // MARK: - Buffer

    /// Drops everything buffered (counted as skipped) and looks for framing again.
    private mutating func dropBuffered() {
        skippedBytes = Self.saturatingSum(skippedBytes, storage.count - readIndex)
        storage = []
        readIndex = 0
        sipFramer.reset()
        webSocket.reset()
        httpScanResume = 0
        switch mode {
        case .sip, .hep, .webSocket:
            resynchronising = true
        case .classifying, .httpRequest, .httpResponse:
            mode = .undetermined
        case .undetermined, .tls, .ignored:
            break
        }
        scanResume = ledger.end
        ledger.discard(before: ledger.end)
    }

    /// Drops consumed bytes once they are half the buffer, so compaction costs O(1) per byte.
    private mutating func compact() {
        if readIndex >= storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 4096)
            readIndex = 0
        } else if readIndex >= 4096, readIndex * 2 >= storage.count {
            storage.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }

    /// A copy of `bytes` in a new array, in one memory copy.
    static func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            if let base = buffer.baseAddress, let source = bytes.baseAddress, !bytes.isEmpty {
                UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: bytes.count)
            }
            initialized = bytes.count
        }
    }

    /// `a + b`, or `Int.max` instead of overflowing: byte counts from hostile sequence
    /// numbers must not trap.
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
