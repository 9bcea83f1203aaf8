import SIPMessage

/// Everything a full parse of an INVITE touches: every typed header the analysis reads, the
/// Request-URI and the SDP body. Each part returns a number derived from its result so the
/// optimiser cannot drop the work (the UTF-8 count of a String it had to make: counting its
/// Characters would add the benchmark's own grapheme breaking, up to 700 instructions a read);
/// `--breakdown` times the parts one by one.
enum FullParse {
    /// One step of the full parse, named for the breakdown table.
    struct Part: Sendable {
        let name: String
        let run: @Sendable (SIPMessage) -> Int
    }

    static let parts: [Part] = [
        Part(name: "Via (all)") { (try? $0.via())?.count ?? 0 },
        Part(name: "From") { (try? $0.from())??.tag?.utf8.count ?? 0 },
        Part(name: "To") { (try? $0.to())??.uri.raw.utf8.count ?? 0 },
        Part(name: "CSeq") { Int((try? $0.cseq())??.number ?? 0) },
        Part(name: "Call-ID") { (try? $0.callID())??.value.utf8.count ?? 0 },
        Part(name: "Contact") { (try? $0.contacts())?.count ?? 0 },
        Part(name: "Record-Route") { (try? $0.addresses(.recordRoute))?.count ?? 0 },
        Part(name: "P-Asserted-Identity") { (try? $0.addresses(.pAssertedIdentity))?.count ?? 0 },
        Part(name: "Max-Forwards") { Int((try? $0.maxForwards())??.value ?? 0) },
        Part(name: "Allow") { (try? $0.tokens(.allow))?.count ?? 0 },
        Part(name: "Supported") { (try? $0.tokens(.supported))?.count ?? 0 },
        Part(name: "Request-URI") { (try? $0.parsedRequestURI())??.user?.utf8.count ?? 0 },
        Part(name: "SDP body and codecs") { message in
            guard case .sdp(let session) = message.parsedBody().body else { return 0 }
            return session.media.reduce(0) { $0 + session.codecs(for: $1).count }
        },
    ]

    static func run(_ bytes: [UInt8]) -> Int {
        guard let message = try? SIPMessage(parsing: bytes) else { return 0 }
        return parts.reduce(message.headerCount) { $0 &+ $1.run(message) }
    }
}
