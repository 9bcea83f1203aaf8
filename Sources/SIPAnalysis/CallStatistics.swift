import SIPMessage

/// Figures across a whole capture: message counts, outcomes and the RFC 6076 ratios.
///
/// Ratios are percentages over INVITE calls whose outcome the capture shows (calls still
/// `in-progress` when it ended are left out of every denominator); `nil` when there is none.
public struct CallStatistics: Hashable, Sendable {
    /// A name with how many times it occurred.
    public struct Count: Hashable, Sendable {
        public var name: String
        public var count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    /// SIP messages in the capture, and how many could not be parsed or had no Call-ID.
    public var messages: Int
    public var unparsed: Int
    /// Requests by method, most frequent first (ties by name).
    public var requestsByMethod: [Count]
    /// Responses by class (`1xx` ... `6xx`) and by code, in order.
    public var responsesByClass: [Count]
    public var responsesByCode: [Count]
    /// Exchanges by kind and by state, in the order of ``CallKind`` and ``CallState``.
    public var callsByKind: [Count]
    public var callsByState: [Count]
    /// Answer-seizure ratio (ITU-T E.411): answered / INVITE calls.
    public var asr: Double?
    /// Session establishment ratio (RFC 6076 section 4.6): answered / (calls - redirected).
    public var ser: Double?
    /// Session establishment effectiveness ratio (RFC 6076 section 4.7): calls ending in 200,
    /// 480, 486, 600 or 603 / (calls - redirected). The network delivered these calls whatever
    /// the user did, so it doubles as the network effectiveness ratio (NER, ITU-T E.411).
    public var seer: Double?
    /// Ineffective session attempts (RFC 6076 section 4.8): calls ending in 408, 500, 503, 504,
    /// or with no response (timeout) / calls.
    public var isa: Double?
    /// Session completion ratio (RFC 6076 section 4.9): answered calls ended by a BYE that got
    /// its 2xx / calls.
    public var scr: Double?
    /// Post-dial delay and answer time across calls (``CallMetrics/pddMs``, ``CallMetrics/answerMs``).
    public var pdd: Percentiles?
    public var answer: Percentiles?
    /// Registration request delay across registrations (``CallMetrics/rrdMs``).
    public var rrd: Percentiles?

    /// Counts messages as they stream by; ``finish(calls:messages:)`` adds the per-call figures.
    struct Counter {
        var unparsed = 0
        private var methods: [String: Int] = [:]
        private var codes: [Int: Int] = [:]

        mutating func count(_ message: SIPMessage) {
            // The method and code as stored: the start line would make a String per message.
            if let method = message.method {
                methods[method.rawValue, default: 0] += 1
            } else if let code = message.statusCode {
                codes[code, default: 0] += 1
            }
        }

        func finish(calls: [SIPCall], messages: Int) -> CallStatistics {
            let byMethod = methods.map { Count(name: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.name) < ($0.count, $1.name) }
            let byCode = codes.sorted { $0.key < $1.key }.map { Count(name: String($0.key), count: $0.value) }
            var classes: [Int: Int] = [:]
            for (code, count) in codes { classes[code / 100, default: 0] += count }
            let byClass = classes.sorted { $0.key < $1.key }.map { Count(name: "\($0.key)xx", count: $0.value) }
            return CallStatistics(
                messages: messages,
                unparsed: unparsed,
                requestsByMethod: byMethod,
                responsesByClass: byClass,
                responsesByCode: byCode,
                calls: calls
            )
        }
    }

    init(
        messages: Int,
        unparsed: Int,
        requestsByMethod: [Count],
        responsesByClass: [Count],
        responsesByCode: [Count],
        calls: [SIPCall]
    ) {
        self.messages = messages
        self.unparsed = unparsed
        self.requestsByMethod = requestsByMethod
        self.responsesByClass = responsesByClass
        self.responsesByCode = responsesByCode
        // One pass, reading fields in place: a capture has many calls and a call is a large value.
        var kinds: [CallKind: Int] = [:]
        var states: [CallState: Int] = [:]
        var decided = 0
        var redirected = 0
        var answered = 0
        var effective = 0
        var ineffective = 0
        var completed = 0
        var pddValues: [Double] = []
        var answerValues: [Double] = []
        var rrdValues: [Double] = []
        for index in calls.indices {
            let state = calls[index].state
            let kind = calls[index].kind
            kinds[kind, default: 0] += 1
            states[state, default: 0] += 1
            if let value = calls[index].metrics.pddMs { pddValues.append(value) }
            if let value = calls[index].metrics.answerMs { answerValues.append(value) }
            if let value = calls[index].metrics.rrdMs { rrdValues.append(value) }
            guard kind == .call, state != .inProgress else { continue }
            let status = calls[index].finalStatus ?? 0
            decided += 1
            if state == .redirected { redirected += 1 }
            if state == .answered {
                answered += 1
                if calls[index].transactions.contains(where: { $0.method == "BYE" && $0.successResponse != nil }) {
                    completed += 1
                }
            }
            if state == .answered || [200, 480, 486, 600, 603].contains(status) { effective += 1 }
            if state == .timeout || (state != .answered && [408, 500, 503, 504].contains(status)) { ineffective += 1 }
        }
        callsByKind = CallKind.allCases.compactMap { kind in kinds[kind].map { Count(name: kind.rawValue, count: $0) } }
        callsByState = CallState.allCases.compactMap { state in
            states[state].map { Count(name: state.rawValue, count: $0) }
        }
        func percent(_ part: Int, of whole: Int) -> Double? {
            whole > 0 ? Double(part) * 100 / Double(whole) : nil
        }
        asr = percent(answered, of: decided)
        ser = percent(answered, of: decided - redirected)
        seer = percent(effective, of: decided - redirected)
        isa = percent(ineffective, of: decided)
        scr = percent(completed, of: decided)
        pdd = Percentiles(pddValues)
        answer = Percentiles(answerValues)
        rrd = Percentiles(rrdValues)
    }
}
