import Foundation

extension VidaTestServer {
    /// `GET /api/v2/sip/captures?sipCallId=&from=&to=&format=`. Errors use the
    /// `{"data":{},"message":...}` shape: 400 for a missing `sipCallId`, an unknown `format` or
    /// a bad window; 404 "No results found" for an unknown Call-ID, a capture outside the
    /// window, or a format the capture lacks; 500 for a broken captures directory.
    func captures(_ request: RecordedRequest) -> HTTPResponse {
        guard let callID = request.query("sipCallId"), !callID.isEmpty else {
            return Self.captureError(400, "sipCallId is required")
        }
        let format = (request.query("format") ?? "").lowercased()
        let chosen = format.isEmpty ? "pcap" : format
        guard CaptureStore.suffixes[chosen] != nil else {
            return Self.captureError(400, "format must be one of text, pcap, json, transaction")
        }
        let from: Int64?
        let to: Int64?
        switch (Self.milliseconds(request.query("from")), Self.milliseconds(request.query("to"))) {
        case (.some(let start), .some(let end)):
            from = start
            to = end
        default:
            return Self.captureError(400, "from and to must be epoch milliseconds")
        }
        if let from, let to, from > to {
            return Self.captureError(400, "from must not be after to")
        }

        let data: [UInt8]
        let fileName: String
        do throws(CaptureStoreError) {
            let matches = try captureStore.entries(callID: callID)
            guard !matches.isEmpty else { return Self.captureError(404, "No results found") }
            guard let entry = matches.first(where: { $0.overlaps(from: from, to: to) }) else {
                return Self.captureError(404, "No results found in the requested time window")
            }
            guard let name = entry.files[chosen] else {
                return Self.captureError(404, "No results found in format \(chosen)")
            }
            fileName = name
            data = try captureStore.contents(of: name)
        } catch {
            return Self.captureError(500, error.message)
        }
        let contentType =
            switch chosen {
            case "pcap": "application/vnd.tcpdump.pcap"
            case "text": "text/plain"
            default: "application/json"
            }
        let downloadName = (fileName as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "_")
        return HTTPResponse(
            status: 200,
            headers: [
                (name: "Content-Type", value: contentType),
                (name: "Content-Disposition", value: "attachment; filename=\"\(downloadName)\""),
            ],
            body: data
        )
    }

    private static func captureError(_ status: Int, _ message: String) -> HTTPResponse {
        .json(status, ["data": [String: Any](), "message": message])
    }

    /// `.some(nil)` when absent, `.some(value)` when valid, `nil` when unreadable. The spec types
    /// these as `number`, so `1727395200000.0` is accepted.
    private static func milliseconds(_ text: String?) -> Int64?? {
        guard let text, !text.isEmpty else { return .some(nil) }
        if let whole = Int64(text) { return .some(whole) }
        guard let value = Double(text), value.isFinite, abs(value) < 9e15 else { return nil }
        return .some(Int64(value))
    }
}
