// libFuzzer entry point for the call analysis and its renderers, built by scripts/fuzz.sh with
// the SIPCapture, SIPMessage, SIPAnalysis and SIPReport sources (not part of the package build).
// The input is a sequence of SIP messages separated by NUL bytes; each gets a time and
// endpoints derived from its position, so the fuzzer explores transactions, dialogs, forks,
// retransmissions and hostile header values together. A crash, trap, leak or hang is a bug.

import SIPAnalysis
import SIPCapture
import SIPReport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCallAnalysis(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let parts = bytes.split(separator: 0, omittingEmptySubsequences: true)
    let hosts = [
        Endpoint(address: .v4(0xC000_0201), port: 5060),
        Endpoint(address: .v4(0xC000_0202), port: 5060),
        Endpoint(address: .v4(0xC000_0203), port: 5080),
    ]
    var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: .full))
    for (index, part) in parts.prefix(64).enumerated() {
        // The first byte picks the direction and the time step, so inputs can reorder time.
        let selector = Int(part.first ?? 0)
        let message = CapturedMessage(
            time: CaptureTime(nanoseconds: Int64(index) * 250_000_000 - Int64(selector % 3) * 400_000_000),
            source: hosts[selector % 3],
            destination: hosts[(selector / 3 + 1 + selector % 3) % 3],
            transport: .udp,
            recordNumbers: [index + 1],
            payload: Array(part.dropFirst())
        )
        analyzer.add(message)
        if selector % 7 == 0 {
            let icmp = ICMPUnreachable(
                time: message.time,
                recordNumber: index + 1,
                reporter: message.destination.address,
                quotedSource: message.source,
                quotedDestination: message.destination,
                quotedProtocol: 17,
                isIPv6: false,
                type: 3,
                code: 3
            )
            analyzer.add(.icmpUnreachable(icmp))
        }
    }
    let analysis = analyzer.finish()
    var total = 0
    for width in [nil, 40] as [Int?] {
        let layout = LadderLayout(calls: analysis.calls, options: LadderOptions(mergePorts: width == nil))
        total += TextLadderRenderer(width: width, ascii: width != nil).render(layout).utf8.count
    }
    total += AnalysisJSON.calls(analysis.calls).rendered().utf8.count
    total += CallTable.text(analysis.calls).utf8.count + CallTable.csv(analysis.calls).utf8.count
    total += StatisticsJSON.statistics(analysis.statistics).rendered(pretty: false).utf8.count
    for call in analysis.calls {
        total += CallSummaryText.header(call).utf8.count + CallSummaryText.timingAndNotes(call).utf8.count
        checkStreamedJSON(call)
    }
    // Keeps the optimiser from dropping the work; never true.
    return total < 0 ? 1 : 0
}

/// Differential check: a call written by the stream writer (`sipdiag calls --format json`) must be
/// byte for byte its JSON value rendered.
private func checkStreamedJSON(_ call: SIPCall) {
    var writer = JSONStreamWriter(indent: 1)
    CallJSON.write(call, fractionDigits: 9, to: &writer)
    var expected: [UInt8] = []
    CallJSON.call(call, fractionDigits: 9).append(to: &expected, indent: 1)
    if writer.bytes != expected {
        fatalError("streamed JSON of \(call.callID) differs from the rendered value")
    }
}
