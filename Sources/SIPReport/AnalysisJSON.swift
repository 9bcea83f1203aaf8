public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The whole analysis as JSON (`sipdiag ladder --format json`): each call as in ``CallJSON``
/// plus its transactions, dialogs and messages. Documented in the README.
public enum AnalysisJSON {
    public static func calls(_ calls: [SIPCall], fractionDigits: Int = 6) -> JSONValue {
        .array(calls.map { detailed($0, fractionDigits: fractionDigits) })
    }

    static func detailed(_ call: SIPCall, fractionDigits: Int) -> JSONValue {
        guard case .object(var members) = CallJSON.call(call, fractionDigits: fractionDigits) else { return .null }
        func time(_ value: CaptureTime?) -> JSONValue {
            .string(value?.rfc3339(fractionDigits: fractionDigits))
        }
        members.append(
            .init(
                "transactions",
                .array(
                    call.transactions.map { transaction in
                        .object([
                            .init("method", .string(transaction.method)),
                            .init("cseq", .integer(Int64(transaction.cseq))),
                            .init("branch", .string(transaction.branch)),
                            .init("matching", .string(transaction.matching.rawValue)),
                            .init("client", .string(transaction.client.description)),
                            .init("server", .string(transaction.server.description)),
                            .init("requestTime", time(transaction.requestTime)),
                            .init("requestRetransmissions", .integer(Int64(transaction.requestRetransmissions))),
                            .init(
                                "responses",
                                .array(
                                    transaction.responses.map { response in
                                        .object([
                                            .init("status", .integer(Int64(response.statusCode))),
                                            .init("reason", .string(response.reasonPhrase)),
                                            .init("toTag", .string(response.toTag)),
                                            .init("time", time(response.time)),
                                            .init("retransmissions", .integer(Int64(response.retransmissions))),
                                        ])
                                    }
                                )
                            ),
                            .init("firstResponseMs", .decimal(transaction.firstResponseDelayMs)),
                            .init("finalResponseMs", .decimal(transaction.finalResponseDelayMs)),
                            .init("ackTime", time(transaction.ackTime)),
                            .init("icmpErrors", .array(transaction.icmpErrors.map { .string($0.reason) })),
                        ])
                    }
                )
            )
        )
        members.append(
            .init(
                "dialogs",
                .array(
                    call.dialogs.map { dialog in
                        .object([
                            .init("callerTag", .string(dialog.callerTag)),
                            .init("calleeTag", .string(dialog.calleeTag)),
                            .init("state", .string(dialog.state.rawValue)),
                            .init("created", time(dialog.created)),
                            .init("confirmed", time(dialog.confirmed)),
                            .init("terminated", time(dialog.terminated)),
                        ])
                    }
                )
            )
        )
        members.append(
            .init(
                "messages",
                .array(
                    call.messages.map { message in
                        .object([
                            .init("index", .integer(Int64(message.index))),
                            .init("time", time(message.time)),
                            .init("src", .string(message.source.description)),
                            .init("dst", .string(message.destination.description)),
                            .init("transport", .string(message.transport.rawValue)),
                            .init("method", .string(message.method)),
                            .init("status", .integer(message.statusCode)),
                            .init("label", .string(message.label)),
                            .init("cseq", .string(message.cseq?.description)),
                            .init("sdp", .bool(message.hasSDP)),
                            .init("retransmission", .bool(message.isRetransmission)),
                            .init("transaction", .integer(message.transaction)),
                            .init("frames", .array(message.recordNumbers.map { .integer(Int64($0)) })),
                        ])
                    }
                )
            )
        )
        return .object(members)
    }
}
