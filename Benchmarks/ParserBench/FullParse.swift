import SIPMessage

/// Everything a full parse of an INVITE touches: every typed header the analysis reads, the
/// Request-URI and the SDP body. Returns a number derived from the results so the optimiser
/// cannot drop the work.
enum FullParse {
    static func run(_ bytes: [UInt8]) -> Int {
        guard let message = try? SIPMessage(parsing: bytes) else { return 0 }
        var total = message.headerCount
        total += (try? message.via())?.count ?? 0
        total += (try? message.from())??.tag?.count ?? 0
        total += (try? message.to())??.uri.raw.count ?? 0
        total += Int((try? message.cseq())??.number ?? 0)
        total += (try? message.callID())??.value.count ?? 0
        total += (try? message.contacts())?.count ?? 0
        total += (try? message.addresses(.recordRoute))?.count ?? 0
        total += (try? message.addresses(.pAssertedIdentity))?.count ?? 0
        total += Int((try? message.maxForwards())??.value ?? 0)
        total += (try? message.tokens(.allow))?.count ?? 0
        total += (try? message.tokens(.supported))?.count ?? 0
        total += (try? message.parsedRequestURI())??.user?.count ?? 0
        if case .sdp(let session) = message.parsedBody().body {
            total += session.media.reduce(0) { $0 + session.codecs(for: $1).count }
        }
        return total
    }
}
