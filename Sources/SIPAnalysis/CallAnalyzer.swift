public import SIPCapture
import SIPMessage

/// Turns a stream of captured messages into calls, one message at a time, so a capture of any
/// size is read once. Feed it every item of a ``CaptureReader`` in order, then ``finish()``.
///
/// ```swift
/// let reader = try CaptureReader(path: "call.pcap")
/// var analyzer = CallAnalyzer()
/// while let item = try reader.next() { analyzer.add(item) }
/// let analysis = analyzer.finish()
/// ```
public struct CallAnalyzer {
    public let options: AnalysisOptions
    private var builders: [CallBuilder] = []
    private var builderIndex: [String: Int] = [:]
    /// The same positions by the bytes of plain Call-IDs, filled as they are first looked up:
    /// most messages find their call here without making a String.
    private var plainBuilderIndex: [ByteKey: Int] = [:]
    private var statistics = CallStatistics.Counter()
    private var messageCount = 0
    private var unparsed: [UnparsedMessage] = []
    private var firstTime: CaptureTime?
    private var lastTime: CaptureTime?
    /// Which call last sent from one endpoint to another: ICMP errors quote only addresses.
    private var lastCallOnFlow: [FlowKey: Int] = [:]
    let relatedLegHeaders: [SIPHeaderName]

    private struct FlowKey: Hashable {
        let source: Endpoint
        let destination: Endpoint
    }

    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
        relatedLegHeaders = options.relatedLegHeaders.map(SIPHeaderName.init)
    }

    /// Adds the next item of the capture.
    public mutating func add(_ item: CaptureItem) {
        add(PreparedItem(item, depth: .parse))
    }

    /// Adds the next message of the capture.
    public mutating func add(_ captured: CapturedMessage) {
        add(PreparedMessage(captured, depth: .parse))
    }

    /// Adds the next item, already parsed (possibly on another thread).
    mutating func add(_ item: PreparedItem) {
        switch item {
        case .message(let prepared): add(prepared)
        case .event(let event): add(event)
        }
    }

    private mutating func add(_ prepared: PreparedMessage) {
        messageCount += 1
        noteTime(prepared.captured.time, of: prepared.captured)
        let facts: MessageFacts
        switch prepared.parse {
        case .withFacts(let found):
            facts = found
        case .parsed(let message, let media):
            let media = media ?? MessageMedia(message)
            guard let found = MessageFacts(message, media: media, relatedLegHeaders: relatedLegHeaders) else {
                noteWithoutCallID(message, prepared.captured)
                return
            }
            facts = found
        case .withoutCallID(let message):
            noteWithoutCallID(message, prepared.captured)
            return
        case .unparsable(let error):
            noteUnparsed(prepared.captured, error)
            return
        }
        let message = facts.message
        statistics.count(message)
        if let wanted = options.callIDs, !wanted.contains(facts.callID) { return }
        let position: Int
        if let plain = facts.plainCallID, let known = plainBuilderIndex[ByteKey(plain)] {
            position = known
        } else {
            // By the String, as before: the byte index only remembers answers given here.
            let callID = facts.callID
            if let existing = builderIndex[callID] {
                position = existing
            } else {
                position = builders.count
                builders.append(CallBuilder(callID: callID, facts: facts, time: prepared.captured.time))
                builderIndex[callID] = position
            }
            if let plain = facts.plainCallID { plainBuilderIndex[ByteKey(copying: plain)] = position }
        }
        builders[position].add(
            facts,
            message: message,
            captured: prepared.captured,
            index: messageCount,
            retention: options.messageRetention
        )
        if message.isRequest {
            lastCallOnFlow[FlowKey(source: prepared.captured.source, destination: prepared.captured.destination)] =
                position
        }
    }

    /// Adds an event: ICMP errors are attached to the call whose request they quote.
    public mutating func add(_ event: CaptureEvent) {
        guard case .icmpUnreachable(let icmp) = event else { return }
        let key = FlowKey(source: icmp.quotedSource, destination: icmp.quotedDestination)
        if let position = lastCallOnFlow[key] { builders[position].add(icmp) }
    }

    /// At most this many unparsable messages are kept with their errors (all are counted).
    static let unparsedLimit = 1000

    private mutating func noteWithoutCallID(_ message: SIPMessage, _ captured: CapturedMessage) {
        statistics.count(message)
        noteUnparsed(captured, SIPParseError(.missingHeader, "no Call-ID header (RFC 3261 section 8.1.1.4)", offset: 0))
    }

    private mutating func noteUnparsed(_ captured: CapturedMessage, _ error: SIPParseError) {
        if unparsed.count < Self.unparsedLimit {
            unparsed.append(UnparsedMessage(index: messageCount, time: captured.time, error: error))
        }
        statistics.unparsed += 1
    }

    private mutating func noteTime(_ time: CaptureTime, of captured: CapturedMessage) {
        // Messages read from SIP text carry no time; they say nothing about the capture's span.
        guard !captured.notes.contains(.readFromText) else { return }
        firstTime = min(firstTime ?? time, time)
        lastTime = max(lastTime ?? time, time)
    }

    /// The calls, in order of their first message, with every state decided. The analyzer is
    /// emptied as the calls are built, so a large capture is not held twice.
    public mutating func finish() -> CaptureAnalysis {
        let end = lastTime ?? CaptureTime(nanoseconds: 0)
        builderIndex = [:]
        plainBuilderIndex = [:]
        lastCallOnFlow = [:]
        // Each call is built from its own builder alone: two threads build half each.
        let all = builders
        builders = []
        let half = all.count / 2
        let halves = Parallel.both(
            { all[..<half].map { $0.build(captureEnd: end) } },
            { all[half...].map { $0.build(captureEnd: end) } }
        )
        var calls = halves.0
        calls.append(contentsOf: halves.1)
        Self.linkRelatedLegs(&calls)
        // Calls are built in order of their first message, which is nearly always start order:
        // checking costs one pass, sorting moves every call (a large value) around.
        let inOrder = calls.indices.dropFirst().allSatisfy { index in
            (calls[index - 1].startTime, calls[index - 1].callID) < (calls[index].startTime, calls[index].callID)
        }
        if !inOrder { calls.sort { ($0.startTime, $0.callID) < ($1.startTime, $1.callID) } }
        return CaptureAnalysis(
            calls: calls,
            statistics: statistics.finish(calls: calls, messages: messageCount),
            unparsedMessages: unparsed,
            firstTime: firstTime,
            lastTime: lastTime
        )
    }

    /// Links legs both ways: a header naming another Call-ID, or Homer's `_b2b-1` suffix.
    private static func linkRelatedLegs(_ calls: inout [SIPCall]) {
        // Most captures have no related legs at all: no index of every Call-ID for them.
        // Indices, not the elements: passing a call to a closure copies it.
        guard
            calls.indices.contains(where: {
                !calls[$0].relatedCallIDs.isEmpty || calls[$0].callID.hasSuffix(AnalysisOptions.homerLegSuffix)
            })
        else { return }
        // Indices, not `enumerated()`: iterating would copy every call, and a capture has many.
        var position: [String: Int] = [:]
        for index in calls.indices { position[calls[index].callID] = index }
        var links: [Int: Set<String>] = [:]
        for index in calls.indices {
            let callID = calls[index].callID
            var related = Set(calls[index].relatedCallIDs)
            // The other direction (a call whose Call-ID plus the suffix is also a call) is linked
            // when that other call is reached: links are made both ways below.
            if callID.hasSuffix(AnalysisOptions.homerLegSuffix) {
                related.insert(String(callID.dropLast(AnalysisOptions.homerLegSuffix.count)))
            }
            for other in related where other != callID {
                links[index, default: []].insert(other)
                if let otherIndex = position[other] { links[otherIndex, default: []].insert(callID) }
            }
        }
        for (index, related) in links { calls[index].relatedCallIDs = related.sorted() }
    }
}
