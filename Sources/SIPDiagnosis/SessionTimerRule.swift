public import SIPAnalysis
import SIPCapture
import SIPMessage

/// A call ended by its session timer (RFC 4028). With session timers the refresher re-sends a
/// re-INVITE or UPDATE before the interval of Session-Expires runs out; when no refresh comes,
/// either side ends the call with a BYE "slightly before session expiration", at the interval
/// minus min(32 s, interval/3) after the last refresh (RFC 4028 section 10). The refresh usually
/// fails for the same reasons in-dialog requests fail: they go to an unreachable Contact, a NAT
/// binding that timed out, or a peer that does not support the refresh method.
///
/// Code `session.timer-expired`: error when the BYE's Reason header (RFC 3326) says so ("Session
/// timer", "session expired"), warning when only its timing says so: a BYE within that window
/// of the last 2xx carrying Session-Expires (read from the kept message bytes,
/// ``SIPAnalysis/MessageRetention/full``).
public struct SessionTimerRule: DiagnosisRule {
    public init() {}

    /// Seconds of slack on each side of the window (the BYE is sent by timers of a busy machine,
    /// and the capture may be taken a hop away).
    static let slackSeconds = 2.0

    public func check(_ call: SIPCall, options: DiagnosisOptions) -> [Finding] {
        guard call.kind == .call else { return [] }
        for bye in call.transactions where bye.method == "BYE" {
            guard let byeTime = bye.requestTime else { continue }
            if let reason = bye.requestReason, Self.saysSessionTimer(reason) {
                return [byReason(bye, reason: reason, call: call)]
            }
            if let refresh = Self.lastRefresh(before: byeTime, in: call),
                let finding = byTiming(bye, at: byeTime, refresh: refresh, call: call)
            {
                return [finding]
            }
        }
        return []
    }

    private func byReason(_ bye: SIPTransaction, reason: SIPReason, call: SIPCall) -> Finding {
        let evidence = call.requestEvidence(bye, detail: "Reason: \(reason.raw)").map { [$0] } ?? []
        return Finding(
            code: "session.timer-expired",
            severity: .error,
            summary: "\(bye.client) ended the call because its session timer expired (Reason: \(reason.raw))",
            explanation: "The BYE's Reason header says the session timer ran out (RFC 4028 section 10): the "
                + "session was not refreshed in time by a re-INVITE or UPDATE, so \(bye.client) hung up. The "
                + "refresh usually gets lost the way other in-dialog requests do: it goes to a Contact that "
                + "cannot be reached (NAT), through a NAT binding or firewall pinhole that expired during the "
                + "call, or the peer rejects the refresh method.",
            evidence: evidence,
            fix: "Look for the refresh re-INVITE/UPDATE around half the Session-Expires interval and where it "
                + "went; make the dialog's Contacts reachable (NAT settings), keep pinholes open, or raise "
                + "Session-Expires / disable session timers on the side that cannot refresh.",
            callID: call.callID
        )
    }

    private func byTiming(
        _ bye: SIPTransaction,
        at byeTime: CaptureTime,
        refresh: Refresh,
        call: SIPCall
    ) -> Finding? {
        let interval = Double(refresh.seconds)
        let elapsed = refresh.time.milliseconds(to: byeTime) / 1000
        let earliest = interval - min(32, interval / 3) - Self.slackSeconds
        guard interval > 0, elapsed >= earliest, elapsed <= interval + Self.slackSeconds else { return nil }
        let elapsedText = PostDialDelayRule.seconds(elapsed * 1000) + " s"
        var evidence: [FindingEvidence] = []
        if let last = call.messageEvidence(at: refresh.position, detail: "Session-Expires: \(refresh.seconds)") {
            evidence.append(last)
        }
        if let request = call.requestEvidence(bye, detail: "\(elapsedText) after the last refresh") {
            evidence.append(request)
        }
        return Finding(
            code: "session.timer-expired",
            severity: .warning,
            summary: "\(bye.client) ended the call \(elapsedText) after the last session refresh "
                + "(Session-Expires: \(refresh.seconds)): the session timer expired",
            explanation: "The call had a session timer of \(refresh.seconds) s (RFC 4028), and the BYE came "
                + "\(elapsedText) after the last refresh, just when RFC 4028 section 10 has a side end a "
                + "session that was not refreshed (the interval minus min(32 s, interval/3)). So the next "
                + "re-INVITE or UPDATE never arrived or was rejected, and the call was cut: calls that drop "
                + "after a fixed time (often 15 or 30 minutes) are the typical symptom. The refresh is lost "
                + "the way other in-dialog requests are: a Contact behind NAT, a NAT binding or pinhole that "
                + "expired, a refresh method (UPDATE) the peer does not support.",
            evidence: evidence,
            fix: "Find the refresh that should have come around half the interval (who is the refresher: the "
                + "refresher parameter of Session-Expires) and where it went; make the dialog's Contacts "
                + "reachable, keep NAT pinholes open, or raise Session-Expires / disable session timers on "
                + "the side that cannot refresh.",
            callID: call.callID
        )
    }

    /// The last 2xx to an INVITE or UPDATE with a Session-Expires header before `time`: the
    /// interval in force and when it started (RFC 4028 sections 7.2 and 9).
    struct Refresh {
        var seconds: UInt32
        var time: CaptureTime
        var position: Int
    }

    static func lastRefresh(before time: CaptureTime, in call: SIPCall) -> Refresh? {
        var last: Refresh?
        for transaction in call.transactions where transaction.method == "INVITE" || transaction.method == "UPDATE" {
            guard let success = transaction.successResponse, success.time < time,
                let position = call.messagePosition(captureIndex: success.messageIndex),
                let raw = call.parsedMessage(at: position)?.firstRawValue(.sessionExpires),
                let value = try? SIPSessionExpires.parse(raw, limits: .default)
            else { continue }
            if let current = last, current.time > success.time { continue }
            last = Refresh(seconds: value.seconds, time: success.time, position: position)
        }
        return last
    }

    /// "Session timer expired", "session expired", "Session-Timer": the texts PBXs put in the
    /// Reason of such a BYE.
    static func saysSessionTimer(_ reason: SIPReason) -> Bool {
        let text = (reason.text ?? reason.raw).lowercased()
        return text.contains("session") && (text.contains("timer") || text.contains("expire"))
    }
}
