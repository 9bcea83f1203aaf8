import SIPCapture

/// Makes the dialogs of the benchmark capture, each as a list of timed messages seen at the
/// proxy: calls (answered, busy, unknown number, cancelled), registrations with a digest
/// challenge, and OPTIONS keep-alive pings.
struct TrafficGenerator {
    /// Which transports dialogs use.
    enum Mix: String {
        /// ~70% UDP over IPv4, ~20% TCP, ~5% IPv6, ~5% UDP with fragmented bodies.
        case realistic
        /// Every ``LegKind`` in turn, for checking the writer with tshark.
        case all
    }

    /// Counts of what was generated, for the summary.
    struct Statistics {
        var answered = 0
        var busy = 0
        var notFound = 0
        var cancelled = 0
        var registrations = 0
        var pings = 0
        var messagesByLeg: [LegKind: Int] = [:]
        var calls: Int { answered + busy + notFound + cancelled }
    }

    private var random: SplitMix64
    private let mix: Mix
    private var dialogs = 0
    private(set) var statistics = Statistics()

    /// The proxy's addresses: the capture point.
    static let proxyIPv4 = IPAddress.v4(0x0a00_000a)  // 10.0.0.10
    static let proxyIPv6 = IPAddress.v6(high: 0x2001_0db8_0000_0000, low: 0x10)  // 2001:db8::10

    /// A generator whose dialogs are fixed by `seed` and `mix`.
    init(seed: UInt64, mix: Mix) {
        random = SplitMix64(seed: seed)
        self.mix = mix
    }

    /// The next dialog's transport; only calls get large (fragmented) bodies.
    private mutating func legKind(forCall: Bool) -> LegKind {
        dialogs += 1
        switch mix {
        case .all:
            return LegKind.allCases[dialogs % LegKind.allCases.count]
        case .realistic:
            let draw = random.unit()
            if draw < 0.70 { return .udp4 }
            if draw < 0.90 { return .tcp4 }
            if draw < 0.95 { return .udp6 }
            return forCall ? .udp4Large : .udp4
        }
    }

    /// The endpoints of a dialog of `user`: fixed addresses, ports as phones pick them.
    private mutating func leg(_ kind: LegKind, user: User) -> Leg {
        let userAgentAddress = kind.isIPv6 ? user.ipv6 : user.ipv4
        let proxyAddress = kind.isIPv6 ? Self.proxyIPv6 : Self.proxyIPv4
        let userAgentPort: Int
        let proxyPort: Int
        switch kind.transport {
        case .udp, .sctp:
            userAgentPort = random.chance(0.7) ? 5060 : random.int(in: 5062...5090)
            proxyPort = 5060
        case .ws, .wss:
            userAgentPort = random.int(in: 32_768...60_999)
            proxyPort = 8080
        case .tcp, .tls:
            userAgentPort = random.int(in: 32_768...60_999)
            proxyPort = 5060
        }
        return Leg(
            kind: kind,
            userAgent: Endpoint(address: userAgentAddress, port: UInt16(userAgentPort)),
            proxy: Endpoint(address: proxyAddress, port: UInt16(proxyPort))
        )
    }

    /// Identifiers in the shapes real stacks use: a UUID or hex@host Call-ID, hex tags.
    private mutating func dialogText(_ leg: Leg, user: User, remote: String) -> DialogText {
        let callID =
            random.chance(0.5)
            ? "\(random.hex(8))-\(random.hex(4))-\(random.hex(4))-\(random.hex(4))-\(random.hex(12))"
            : "\(random.hex(24))@\(leg.userAgent.address)"
        return DialogText(
            leg: leg,
            callID: callID,
            user: user,
            remoteNumber: remote,
            fromTag: random.hex(random.int(in: 8...16)),
            toTag: "as\(random.hex(8))"
        )
    }

    /// A Via branch with the RFC 3261 magic cookie (section 8.1.1.7).
    private mutating func branch() -> String { "z9hG4bK" + random.hex(random.int(in: 10...24)) }

    /// `milliseconds` drawn from `range`, in nanoseconds.
    private mutating func millis(_ range: ClosedRange<Int>) -> Int64 {
        Int64(random.int(in: range)) * 1_000_000 + Int64(random.int(in: 0...999)) * 1000
    }

    /// An exponential delay with `mean` seconds, clamped, in nanoseconds.
    private mutating func seconds(mean: Double, within range: ClosedRange<Double>) -> Int64 {
        let value = min(max(random.exponential(mean: mean), range.lowerBound), range.upperBound)
        return Int64(value * 1e9)
    }

    /// One captured message of the dialog, counted for the summary.
    private mutating func message(
        _ payload: [UInt8],
        at time: Int64,
        _ leg: Leg,
        fromUserAgent: Bool
    ) -> CapturedMessage {
        statistics.messagesByLeg[leg.kind, default: 0] += 1
        return CapturedMessage(
            time: CaptureTime(nanoseconds: time),
            source: fromUserAgent ? leg.userAgent : leg.proxy,
            destination: fromUserAgent ? leg.proxy : leg.userAgent,
            transport: leg.kind.transport,
            recordNumbers: [],
            payload: payload
        )
    }

    // MARK: - Dialogs

    /// A call from a phone through the proxy: INVITE, 100, 180, then 200/ACK/BYE/200, or a
    /// 486 or 404 (acknowledged), or a CANCEL answered by 200 and 487 (RFC 3261 section 9).
    mutating func call(at start: Int64) -> [CapturedMessage] {
        let user = User(index: random.int(in: 0...(User.count - 1)))
        let callee = String(random.pick([3000, 4000, 6000, 33_140_000_000]) + random.int(in: 0...999))
        let leg = leg(legKind(forCall: true), user: user)
        let text = dialogText(leg, user: user, remote: callee)
        let large = leg.kind.hasLargeBodies
        let userAgentAddress = leg.mediaAddress
        let proxyMedia = leg.kind.isIPv6 ? "IP6 \(Self.proxyIPv6)" : "IP4 \(Self.proxyIPv4)"
        let offered = user.userAgent.hasPrefix("Linphone") ? [111, 0, 8, 101] : [0, 8, 9, 18, 101]
        let offer = SDP.body(
            address: userAgentAddress,
            sessionID: random.next() >> 34,
            mediaPort: random.int(in: 5000...9999) & ~1,
            payloadTypes: offered,
            large: large,
            random: &random
        )
        let inviteBranch = branch()
        let invite = text.request(
            "INVITE",
            cseq: 1,
            branch: inviteBranch,
            contact: true,
            extra: [DialogText.allow, "Supported: replaces, timer, 100rel", "Session-Expires: 1800"],
            body: offer
        )
        var messages: [CapturedMessage] = []
        var time = start
        messages.append(message(invite, at: time, leg, fromUserAgent: true))
        if leg.kind.transport == .udp, random.chance(0.03) {
            // Timer A fired before the proxy answered (RFC 3261 section 17.1.1.2).
            time += 500_000_000
            messages.append(message(invite, at: time, leg, fromUserAgent: true))
        }
        time += millis(2...15)
        messages.append(
            message(
                text.response(100, "Trying", method: "INVITE", cseq: 1, branch: inviteBranch),
                at: time,
                leg,
                fromUserAgent: false
            )
        )

        /// The ACK for a non-2xx final answer.
        func acknowledge(_ time: Int64) -> CapturedMessage {
            // The ACK of a non-2xx final response reuses the INVITE's branch (RFC 3261 section 17.1.1.3).
            message(
                text.request("ACK", cseq: 1, branch: inviteBranch, toTagged: true),
                at: time,
                leg,
                fromUserAgent: true
            )
        }

        let outcome = random.unit()
        if outcome < 0.05 {
            statistics.notFound += 1
            time += millis(10...80)
            messages.append(
                message(
                    text.response(404, "Not Found", method: "INVITE", cseq: 1, branch: inviteBranch),
                    at: time,
                    leg,
                    fromUserAgent: false
                )
            )
            messages.append(acknowledge(time + millis(15...40)))
            return messages
        }
        time += millis(80...900)
        messages.append(
            message(
                text.response(180, "Ringing", method: "INVITE", cseq: 1, branch: inviteBranch, contact: true),
                at: time,
                leg,
                fromUserAgent: false
            )
        )
        if outcome < 0.13 {
            statistics.busy += 1
            time += seconds(mean: 3, within: 0.2...15)
            messages.append(
                message(
                    text.response(486, "Busy Here", method: "INVITE", cseq: 1, branch: inviteBranch),
                    at: time,
                    leg,
                    fromUserAgent: false
                )
            )
            messages.append(acknowledge(time + millis(15...40)))
            return messages
        }
        if outcome < 0.20 {
            statistics.cancelled += 1
            time += seconds(mean: 8, within: 1...30)
            // CANCEL has the INVITE's branch and CSeq number (RFC 3261 section 9.1).
            messages.append(
                message(
                    text.request("CANCEL", cseq: 1, branch: inviteBranch),
                    at: time,
                    leg,
                    fromUserAgent: true
                )
            )
            time += millis(5...30)
            messages.append(
                message(
                    text.response(200, "OK", method: "CANCEL", cseq: 1, branch: inviteBranch),
                    at: time,
                    leg,
                    fromUserAgent: false
                )
            )
            time += millis(5...40)
            messages.append(
                message(
                    text.response(487, "Request Terminated", method: "INVITE", cseq: 1, branch: inviteBranch),
                    at: time,
                    leg,
                    fromUserAgent: false
                )
            )
            messages.append(acknowledge(time + millis(15...40)))
            return messages
        }

        statistics.answered += 1
        let answer = SDP.body(
            address: proxyMedia,
            sessionID: random.next() >> 34,
            mediaPort: random.int(in: 10_000...59_999) & ~1,
            payloadTypes: [offered[0], 101],
            large: large,
            random: &random
        )
        time += seconds(mean: 6, within: 0.5...40)
        messages.append(
            message(
                text.response(
                    200,
                    "OK",
                    method: "INVITE",
                    cseq: 1,
                    branch: inviteBranch,
                    contact: true,
                    extra: [DialogText.allow, "Supported: replaces, timer", "Session-Expires: 1800;refresher=uac"],
                    body: answer
                ),
                at: time,
                leg,
                fromUserAgent: false
            )
        )
        // The ACK of a 2xx is a new transaction with its own branch (RFC 3261 section 13.2.2.4).
        time += millis(15...60)
        messages.append(
            message(
                text.request("ACK", cseq: 1, branch: branch(), toTagged: true, contact: true),
                at: time,
                leg,
                fromUserAgent: true
            )
        )
        time += seconds(mean: 90, within: 2...1200)
        let byeBranch = branch()
        if random.chance(0.6) {
            messages.append(
                message(
                    text.request("BYE", cseq: 2, branch: byeBranch, toTagged: true),
                    at: time,
                    leg,
                    fromUserAgent: true
                )
            )
            messages.append(
                message(
                    text.response(200, "OK", method: "BYE", cseq: 2, branch: byeBranch),
                    at: time + millis(10...60),
                    leg,
                    fromUserAgent: false
                )
            )
        } else {
            messages.append(
                message(
                    text.proxyRequest("BYE", cseq: 1, branch: byeBranch, inDialog: true),
                    at: time,
                    leg,
                    fromUserAgent: false
                )
            )
            messages.append(
                message(
                    text.userAgentResponse("BYE", cseq: 1, branch: byeBranch, inDialog: true),
                    at: time + millis(10...60),
                    leg,
                    fromUserAgent: true
                )
            )
        }
        return messages
    }

    /// A registration refresh: REGISTER, 401 with a digest challenge, REGISTER with
    /// credentials, 200 (RFC 3261 section 10.2 and 22.2).
    mutating func registration(at start: Int64) -> [CapturedMessage] {
        statistics.registrations += 1
        let user = User(index: random.int(in: 0...(User.count - 1)))
        let leg = leg(legKind(forCall: false), user: user)
        let text = dialogText(leg, user: user, remote: user.number)
        let cseq = random.int(in: 1...5000)
        let nonce = random.hex(32)
        var time = start
        var messages: [CapturedMessage] = []
        let firstBranch = branch()
        let extra = ["Expires: 3600", DialogText.allow, "Supported: path, gruu, outbound"]
        messages.append(
            message(
                text.request("REGISTER", cseq: cseq, branch: firstBranch, contact: true, extra: extra),
                at: time,
                leg,
                fromUserAgent: true
            )
        )
        time += millis(1...20)
        let challenge =
            "WWW-Authenticate: Digest realm=\"\(DialogText.domain)\", nonce=\"\(nonce)\", "
            + "opaque=\"\(random.hex(16))\", algorithm=MD5, qop=\"auth\""
        messages.append(
            message(
                text.response(
                    401,
                    "Unauthorized",
                    method: "REGISTER",
                    cseq: cseq,
                    branch: firstBranch,
                    extra: [challenge]
                ),
                at: time,
                leg,
                fromUserAgent: false
            )
        )
        time += millis(5...80)
        let secondBranch = branch()
        let credentials =
            "Authorization: Digest username=\"\(user.number)\", realm=\"\(DialogText.domain)\", "
            + "nonce=\"\(nonce)\", uri=\"sip:\(DialogText.domain)\", response=\"\(random.hex(32))\", "
            + "algorithm=MD5, cnonce=\"\(random.hex(16))\", qop=auth, nc=00000001"
        messages.append(
            message(
                text.request(
                    "REGISTER",
                    cseq: cseq + 1,
                    branch: secondBranch,
                    contact: true,
                    extra: extra + [credentials]
                ),
                at: time,
                leg,
                fromUserAgent: true
            )
        )
        time += millis(2...40)
        messages.append(
            message(
                text.response(
                    200,
                    "OK",
                    method: "REGISTER",
                    cseq: cseq + 1,
                    branch: secondBranch,
                    extra: [
                        "Contact: <sip:\(user.number)@\(leg.userAgentHost)\(leg.transportParameter)>;expires=3600",
                        "Date: Fri, 27 Sep 2024 08:00:00 GMT",
                    ]
                ),
                at: time,
                leg,
                fromUserAgent: false
            )
        )
        return messages
    }

    /// A keep-alive: the proxy's OPTIONS and the phone's 200 (RFC 3261 section 11).
    mutating func ping(at start: Int64) -> [CapturedMessage] {
        statistics.pings += 1
        let user = User(index: random.int(in: 0...(User.count - 1)))
        let leg = leg(legKind(forCall: false), user: user)
        let text = dialogText(leg, user: user, remote: user.number)
        let pingBranch = branch()
        let cseq = random.int(in: 1...60_000)
        return [
            message(
                text.proxyRequest("OPTIONS", cseq: cseq, branch: pingBranch, inDialog: false),
                at: start,
                leg,
                fromUserAgent: false
            ),
            message(
                text.userAgentResponse("OPTIONS", cseq: cseq, branch: pingBranch, inDialog: false),
                at: start + millis(1...50),
                leg,
                fromUserAgent: true
            ),
        ]
    }
}
