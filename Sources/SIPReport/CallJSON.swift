public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The JSON of calls, the stable machine contract of `sipdiag calls --format json` and the
/// `calls` array of `sipdiag analyze --format json`. Keys documented in the README; new keys
/// may be added, existing ones keep their meaning.
public enum CallJSON {
    /// One call. `fractionDigits` is 6 for microsecond captures and 9 for nanosecond ones.
    public static func call(_ call: SIPCall, fractionDigits: Int = 6) -> JSONValue {
        .object([
            .init("callId", .string(call.callID)),
            .init("kind", .string(call.kind.rawValue)),
            .init("method", .string(call.method)),
            .init("from", .string(call.from)),
            .init("fromDisplayName", .string(call.fromDisplayName)),
            .init("to", .string(call.to)),
            .init("toDisplayName", .string(call.toDisplayName)),
            .init("state", .string(call.state.rawValue)),
            .init("finalStatus", .integer(call.finalStatus)),
            .init("finalReason", .string(call.finalReasonPhrase)),
            .init("endedBy", .string(call.endedBy?.rawValue)),
            .init("reason", call.reason.map(reason) ?? .null),
            .init("startTime", .string(call.startTime.rfc3339(fractionDigits: fractionDigits))),
            .init("endTime", .string(call.endTime.rfc3339(fractionDigits: fractionDigits))),
            .init("messageCount", .integer(Int64(call.messageCount))),
            .init("retransmissions", .integer(Int64(call.retransmissions))),
            .init("metrics", metrics(call.metrics)),
            .init("relatedCallIds", .array(call.relatedCallIDs.map(JSONValue.string))),
            .init("media", media(call.media)),
            .init("registration", call.registration.map(registration) ?? .null),
            .init("userAgents", .array(call.userAgents.map(JSONValue.string))),
            .init("notes", .array(call.notes.map(JSONValue.string))),
        ])
    }

    static func metrics(_ metrics: CallMetrics) -> JSONValue {
        .object([
            .init("tryingMs", .decimal(metrics.tryingMs)),
            .init("pddMs", .decimal(metrics.pddMs)),
            .init("answerMs", .decimal(metrics.answerMs)),
            .init("ringMs", .decimal(metrics.ringMs)),
            .init("failedSetupMs", .decimal(metrics.failedSetupMs)),
            .init("sddMs", .decimal(metrics.sddMs)),
            .init("durationMs", .decimal(metrics.durationMs)),
            .init("rrdMs", .decimal(metrics.rrdMs)),
        ])
    }

    static func reason(_ reason: SIPReason) -> JSONValue {
        .object([
            .init("protocol", .string(reason.protocolName)),
            .init("cause", .integer(reason.cause)),
            .init("text", .string(reason.text)),
            .init("description", .string(reason.q850Description)),
        ])
    }

    static func media(_ media: CallMedia) -> JSONValue {
        func side(_ description: MediaDescription?) -> JSONValue {
            guard let description else { return .null }
            return .object([
                .init("endpoint", .string(description.endpoint)),
                .init("mediaType", .string(description.mediaType)),
                .init("codecs", .array(description.codecs.map(JSONValue.string))),
                .init("direction", .string(description.direction)),
                .init("rejected", .bool(description.isRejected)),
                .init("encrypted", .bool(description.isEncrypted)),
            ])
        }
        return .object([
            .init("offer", side(media.offer)),
            .init("answer", side(media.answer)),
            .init("codec", .string(media.negotiatedCodec)),
        ])
    }

    static func registration(_ registration: SIPRegistration) -> JSONValue {
        .object([
            .init("addressOfRecord", .string(registration.addressOfRecord)),
            .init("contact", .string(registration.contact)),
            .init("requestedExpires", .integer(registration.requestedExpires)),
            .init("grantedExpires", .integer(registration.grantedExpires)),
            .init("challenges", .integer(Int64(registration.challenges))),
            .init("attempts", .integer(Int64(registration.attempts))),
        ])
    }
}
