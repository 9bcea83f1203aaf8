public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The JSON of calls, the stable machine contract of `sipdiag calls --format json` and the
/// `calls` array of `sipdiag analyze --format json`. Keys documented in the README; new keys
/// may be added, existing ones keep their meaning.
public enum CallJSON {
    /// One call. `fractionDigits` is 6 for microsecond captures and 9 for nanosecond ones.
    public static func call(_ call: SIPCall, fractionDigits: Int = 6) -> JSONValue {
        var builder = JSONValueBuilder()
        write(call, fractionDigits: fractionDigits, into: &builder)
        return builder.value
    }
}

extension CallJSON {
    /// Writes ``call(_:fractionDigits:)`` straight to `writer`, byte for byte the same as
    /// rendering that value: `sipdiag calls --format json` writes tens of thousands of calls,
    /// and building a tree of values per call cost more than reading the capture.
    public static func write(_ call: SIPCall, fractionDigits: Int = 6, to writer: inout JSONStreamWriter) {
        write(call, fractionDigits: fractionDigits, into: &writer)
    }

    /// The one description of a call's JSON, for the tree and the byte stream alike.
    static func write(_ call: SIPCall, fractionDigits: Int, into writer: inout some JSONOutput & ~Copyable) {
        writer.beginObject()
        writer.key("callId")
        writer.string(call.callID)
        writer.key("kind")
        writer.string(call.kind.rawValue)
        writer.key("method")
        writer.string(call.method)
        writer.key("from")
        writer.string(call.from)
        writer.key("fromDisplayName")
        writer.string(call.fromDisplayName)
        writer.key("to")
        writer.string(call.to)
        writer.key("toDisplayName")
        writer.string(call.toDisplayName)
        writer.key("state")
        writer.string(call.state.rawValue)
        writer.key("finalStatus")
        writer.integer(call.finalStatus)
        writer.key("finalReason")
        writer.string(call.finalReasonPhrase)
        writer.key("endedBy")
        writer.string(call.endedBy?.rawValue)
        writer.key("reason")
        if let reason = call.reason { write(reason, into: &writer) } else { writer.null() }
        writer.key("startTime")
        writer.string(call.startTime.rfc3339(fractionDigits: fractionDigits))
        writer.key("endTime")
        writer.string(call.endTime.rfc3339(fractionDigits: fractionDigits))
        writer.key("messageCount")
        writer.integer(call.messageCount)
        writer.key("retransmissions")
        writer.integer(call.retransmissions)
        writer.key("metrics")
        write(call.metrics, into: &writer)
        writer.key("relatedCallIds")
        writer.strings(call.relatedCallIDs)
        writer.key("media")
        write(call.media, into: &writer)
        writer.key("registration")
        if let registration = call.registration { write(registration, into: &writer) } else { writer.null() }
        writer.key("userAgents")
        writer.strings(call.userAgents)
        writer.key("notes")
        writer.strings(call.notes)
        writer.endObject()
    }

    private static func write(_ metrics: CallMetrics, into writer: inout some JSONOutput & ~Copyable) {
        writer.beginObject()
        writer.key("tryingMs")
        writer.decimal(metrics.tryingMs)
        writer.key("pddMs")
        writer.decimal(metrics.pddMs)
        writer.key("answerMs")
        writer.decimal(metrics.answerMs)
        writer.key("ringMs")
        writer.decimal(metrics.ringMs)
        writer.key("failedSetupMs")
        writer.decimal(metrics.failedSetupMs)
        writer.key("sddMs")
        writer.decimal(metrics.sddMs)
        writer.key("durationMs")
        writer.decimal(metrics.durationMs)
        writer.key("rrdMs")
        writer.decimal(metrics.rrdMs)
        writer.endObject()
    }

    private static func write(_ reason: SIPReason, into writer: inout some JSONOutput & ~Copyable) {
        writer.beginObject()
        writer.key("protocol")
        writer.string(reason.protocolName)
        writer.key("cause")
        writer.integer(reason.cause)
        writer.key("text")
        writer.string(reason.text)
        writer.key("description")
        writer.string(reason.q850Description)
        writer.endObject()
    }

    private static func write(_ media: CallMedia, into writer: inout some JSONOutput & ~Copyable) {
        writer.beginObject()
        writer.key("offer")
        write(media.offer, into: &writer)
        writer.key("answer")
        write(media.answer, into: &writer)
        writer.key("codec")
        writer.string(media.negotiatedCodec)
        writer.endObject()
    }

    private static func write(_ description: MediaDescription?, into writer: inout some JSONOutput & ~Copyable) {
        guard let description else {
            writer.null()
            return
        }
        writer.beginObject()
        writer.key("endpoint")
        writer.string(description.endpoint)
        writer.key("mediaType")
        writer.string(description.mediaType)
        writer.key("codecs")
        writer.strings(description.codecs)
        writer.key("direction")
        writer.string(description.direction)
        writer.key("rejected")
        writer.bool(description.isRejected)
        writer.key("encrypted")
        writer.bool(description.isEncrypted)
        writer.endObject()
    }

    private static func write(_ registration: SIPRegistration, into writer: inout some JSONOutput & ~Copyable) {
        writer.beginObject()
        writer.key("addressOfRecord")
        writer.string(registration.addressOfRecord)
        writer.key("contact")
        writer.string(registration.contact)
        writer.key("requestedExpires")
        writer.integer(registration.requestedExpires)
        writer.key("grantedExpires")
        writer.integer(registration.grantedExpires)
        writer.key("challenges")
        writer.integer(registration.challenges)
        writer.key("attempts")
        writer.integer(registration.attempts)
        writer.endObject()
    }
}
