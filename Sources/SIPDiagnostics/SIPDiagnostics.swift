@_exported public import SIPAnalysis
@_exported public import SIPCapture
@_exported public import SIPDiagnosis
@_exported public import SIPMessage
@_exported public import SIPProbe
@_exported public import SIPReport
@_exported public import VidaAPI

public import struct Foundation.Data

/// The library in one import: open a capture, list its calls, take one call's timing, ladder and
/// rendered outputs, as the `sipdiag` command does.
///
/// ```swift
/// import SIPDiagnostics
///
/// let analysis = try SIPDiagnostics.analyze(path: "call.pcap", keepMessages: true)
/// for call in analysis.calls where call.state.isFailure {
///     print(call.callID, call.state, call.finalStatus ?? 0)
/// }
/// if let call = analysis.calls.first {
///     print(TextLadderRenderer().render(LadderLayout(calls: [call])))
/// }
/// ```
public enum SIPDiagnostics {
    /// Analyses a capture file (pcap, pcapng, or SIP text). Throws only when the file cannot be
    /// opened or is not a capture; damage part way is in ``CaptureAnalysis/decodeError`` with
    /// everything before it analysed.
    ///
    /// - Parameter keepMessages: keep every message with its bytes, as ladders and reports need;
    ///   leave it off to list the calls of a large capture in memory proportional to its calls.
    public static func analyze(
        path: String,
        keepMessages: Bool = false,
        options: AnalysisOptions = AnalysisOptions()
    ) throws(CaptureError) -> CaptureAnalysis {
        try analyze(CaptureReader(path: path), keepMessages: keepMessages, options: options)
    }

    /// Analyses a capture held in memory.
    public static func analyze(
        data: Data,
        keepMessages: Bool = false,
        options: AnalysisOptions = AnalysisOptions()
    ) throws(CaptureError) -> CaptureAnalysis {
        try analyze(CaptureReader(bytes: [UInt8](data)), keepMessages: keepMessages, options: options)
    }

    private static func analyze(
        _ reader: CaptureReader,
        keepMessages: Bool,
        options: AnalysisOptions
    ) -> CaptureAnalysis {
        var options = options
        if keepMessages { options.messageRetention = .full }
        var analyzer = CallAnalyzer(options: options)
        let failure = analyzer.read(reader)
        var analysis = analyzer.finish()
        analysis.decodeError = failure
        analysis.captureWarnings = reader.warnings
        return analysis
    }
}
