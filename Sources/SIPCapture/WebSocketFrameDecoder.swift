/// Decodes the WebSocket frames of one direction of a connection after the HTTP upgrade
/// (RFC 6455 section 5), reassembling fragmented messages (section 5.4) and unmasking
/// payloads (section 5.3) while copying them, so that each payload byte is copied once.
///
/// Frames may span segments and segments may hold several frames: the decoder keeps only
/// the frame in progress (how much payload is left, the mask phase) and the message being
/// assembled. Control frames (close, ping, pong) are skipped. Each complete text or binary
/// message is handed out whole: RFC 7118 section 5.2 puts exactly one SIP message in each.
struct WebSocketFrameDecoder {
    /// What a step did.
    enum Step: Hashable, Sendable {
        /// More bytes are needed.
        case needMore
        /// `Int` bytes of frame header or payload were consumed.
        case consumed(Int)
        /// After consuming `consumed` bytes a message is complete: take it with
        /// ``takeMessage()``.
        case message(consumed: Int)
        /// The bytes are not a valid frame in this place: framing is lost.
        case invalid
    }

    private var inPayload = false
    private var remainingInFrame = 0
    private var maskingKey: UInt32?
    private var maskPhase = 0
    private var frameCarriesMessage = false
    private var frameIsFinal = false
    private var messageActive = false
    private var messageDropped = false
    private var messageBytes: [UInt8] = []
    /// Stream offset of the first frame header of the message in progress.
    private(set) var messageStart: Int?

    /// Payload bytes of the message in progress.
    var bufferedBytes: Int { messageBytes.count }

    /// Forgets the frame and message in progress.
    mutating func reset() {
        inPayload = false
        remainingInFrame = 0
        maskingKey = nil
        maskPhase = 0
        frameCarriesMessage = false
        frameIsFinal = false
        messageActive = false
        messageDropped = false
        messageBytes = []
        messageStart = nil
    }

    /// The message completed by the last step, and the stream offset where its first frame began.
    mutating func takeMessage() -> (payload: [UInt8], start: Int?) {
        let result = (messageBytes, messageStart)
        messageBytes = []
        messageStart = nil
        return result
    }

    /// Decodes from `bytes`, which start at stream offset `offset`.
    ///
    /// A message is dropped (its frames consumed, nothing handed out) when it is compressed
    /// with permessage-deflate (RFC 7692; sipdiag has no inflater) or longer than
    /// `maxSIPMessageLength`. A message whose frames stretch over more than
    /// `maxStreamBufferPerDirection` stream bytes (control frames interleaved without end)
    /// loses sync.
    mutating func step(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        recordNumber: Int,
        sink: inout StreamSink
    ) -> Step {
        guard inPayload else { return readHeader(bytes, at: offset, recordNumber: recordNumber, sink: &sink) }
        let count = min(remainingInFrame, bytes.count)
        guard count > 0 || remainingInFrame == 0 else { return .needMore }
        if frameCarriesMessage, !messageDropped {
            append(bytes.prefix(upTo: count))
        }
        remainingInFrame -= count
        maskPhase = (maskPhase + count) & 3
        return endFrameIfDone(consumed: count)
    }

    private mutating func readHeader(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        recordNumber: Int,
        sink: inout StreamSink
    ) -> Step {
        let limits = sink.limits
        let header: WebSocketFrameHeader
        switch WebSocketFrameHeader.parse(bytes, maximumPayload: limits.maxSIPMessageLength) {
        case .incomplete:
            return .needMore
        case .invalid:
            reset()
            return .invalid
        case .frame(let parsed):
            header = parsed
        }
        switch header.opcode {
        case .close, .ping, .pong:
            frameCarriesMessage = false
        case .continuation:
            // RFC 6455 section 5.4: a continuation frame only continues an open message.
            guard messageActive else {
                reset()
                return .invalid
            }
            frameCarriesMessage = true
        case .text, .binary:
            // RFC 6455 section 5.4: no new message while a fragmented one is open.
            guard !messageActive else {
                reset()
                return .invalid
            }
            messageActive = true
            messageStart = offset
            messageDropped = header.isCompressed
            messageBytes = []
            if header.isCompressed {
                sink.warnings.report(
                    "compressedWebSocket",
                    .undecodable,
                    "WebSocket messages compressed with permessage-deflate (RFC 7692) were skipped",
                    recordNumber: recordNumber
                )
            } else {
                messageBytes.reserveCapacity(header.payloadLength)
            }
            frameCarriesMessage = true
        }
        if let start = messageStart, offset - start > limits.maxStreamBufferPerDirection {
            reset()
            return .invalid
        }
        if frameCarriesMessage, !messageDropped, header.payloadLength > limits.maxSIPMessageLength - messageBytes.count
        {
            messageDropped = true
            messageBytes = []
            sink.warnings.report(
                "webSocketMessageLimit",
                .limitReached,
                "WebSocket messages longer than \(limits.maxSIPMessageLength) bytes were skipped",
                recordNumber: recordNumber
            )
        }
        inPayload = true
        remainingInFrame = header.payloadLength
        maskingKey = header.maskingKey
        maskPhase = 0
        frameIsFinal = header.isFinal
        return endFrameIfDone(consumed: header.headerLength)
    }

    private mutating func endFrameIfDone(consumed: Int) -> Step {
        guard inPayload, remainingInFrame == 0 else { return .consumed(consumed) }
        inPayload = false
        guard frameCarriesMessage, frameIsFinal else { return .consumed(consumed) }
        messageActive = false
        if messageDropped {
            messageBytes = []
            messageStart = nil
            messageDropped = false
            return .consumed(consumed)
        }
        return .message(consumed: consumed)
    }

    /// Appends payload bytes to the message, unmasking them in place (RFC 6455 section 5.3).
    private mutating func append(_ chunk: UnsafeRawBufferPointer) {
        let start = messageBytes.count
        messageBytes.append(contentsOf: chunk)
        guard let key = maskingKey else { return }
        let phase = maskPhase
        messageBytes.withUnsafeMutableBytes { buffer in
            let payload = UnsafeMutableRawBufferPointer(rebasing: buffer[start...])
            for index in 0..<payload.count {
                let shift = UInt32(24 - 8 * ((index + phase) & 3))
                payload[index] ^= UInt8(truncatingIfNeeded: key >> shift)
            }
        }
    }
}
