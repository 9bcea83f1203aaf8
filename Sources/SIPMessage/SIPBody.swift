/// A message body interpreted by its Content-Type (RFC 3261 sections 7.4 and 20.15).
///
/// ``parse(_:contentType:limits:)`` never throws: a body that does not follow its type's
/// grammar is still a body, so it becomes ``other(contentType:bytes:)`` with a note that says
/// why. Printing a body never shows its bytes (SDP may carry keys), only a summary.
public enum SIPBody: Hashable, Sendable, CustomStringConvertible {
    /// No body (zero bytes).
    case none
    /// An `application/sdp` body (RFC 3261 section 13.2.1, RFC 8866).
    case sdp(SDPSession)
    /// A `multipart/*` body (RFC 2046 section 5.1, RFC 5621).
    case multipart(MultipartBody)
    /// Any other body, or one that could not be parsed; `bytes` is a slice of the message.
    case other(contentType: SIPMediaType?, bytes: ArraySlice<UInt8>)

    /// Multipart subtypes searched by ``sdp``: `mixed` and `alternative` (RFC 5621 section 3),
    /// `related` (RFC 5621 section 3.1) and `signed`, whose first part is the signed content
    /// (RFC 3261 section 23.4, RFC 1847 section 2.1).
    static let sdpContainers: Set<String> = ["mixed", "alternative", "related", "signed"]

    /// Interprets `bytes` according to `contentType`. The returned notes say why the body stayed
    /// ``other(contentType:bytes:)``; a parsed SDP or multipart body carries its own notes
    /// (``SDPSession/notes``, ``MultipartBody/notes``), which are not returned a second time.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        contentType: SIPMediaType?,
        limits: SIPParseLimits
    ) -> (SIPBody, [SIPParseNote]) {
        guard !bytes.isEmpty else { return (.none, []) }
        guard let contentType else {
            let note = SIPParseNote(
                .missingHeader,
                "a body of \(bytes.count) bytes without Content-Type (RFC 3261 section 20.15)",
                offset: bytes.startIndex
            )
            return (.other(contentType: nil, bytes: bytes), [note])
        }
        // Nearly every body is SDP: it goes first, before anything else is made.
        if contentType.isSDP {
            do {
                return (.sdp(try SDPSession.parse(bytes, limits: limits)), [])
            } catch {
                return notParsed(bytes, contentType: contentType, error: error)
            }
        }
        do {
            if contentType.isMultipart {
                guard let boundary = contentType.boundary else {
                    let note = SIPParseNote(
                        .invalidBody,
                        "\(contentType.essence) body without a boundary parameter (RFC 2046 section 5.1.1)",
                        offset: bytes.startIndex
                    )
                    return (.other(contentType: contentType, bytes: bytes), [note])
                }
                let body = try MultipartBody.parse(
                    bytes,
                    boundary: boundary,
                    limits: limits,
                    depth: 1,
                    subtype: contentType.subtype
                )
                return (.multipart(body), [])
            }
        } catch {
            return notParsed(bytes, contentType: contentType, error: error)
        }
        return (.other(contentType: contentType, bytes: bytes), [])
    }

    /// A body of a known type that did not parse: kept as bytes, with a note saying why.
    private static func notParsed(
        _ bytes: ArraySlice<UInt8>,
        contentType: SIPMediaType,
        error: SIPParseError
    ) -> (SIPBody, [SIPParseNote]) {
        let note = SIPParseNote(
            error.code,
            "\(contentType.essence) body not parsed: \(error.reason)",
            offset: error.offset ?? bytes.startIndex
        )
        return (.other(contentType: contentType, bytes: bytes), [note])
    }

    /// The SDP session: the body itself, or the first `application/sdp` part of a multipart
    /// body, looking into nested `multipart/mixed`, `alternative`, `related` and `signed` parts
    /// (RFC 5621 section 3). A part is parsed on demand with default limits; `nil` when there is
    /// none or it is not SDP.
    public var sdp: SDPSession? {
        sdp(limits: .default)
    }

    /// ``sdp`` with explicit limits for parsing a multipart's SDP part.
    public func sdp(limits: SIPParseLimits) -> SDPSession? {
        switch self {
        case .sdp(let session):
            return session
        case .multipart(let body):
            return Self.sdp(in: body, limits: limits)
        case .none, .other:
            return nil
        }
    }

    private static func sdp(in body: MultipartBody, limits: SIPParseLimits) -> SDPSession? {
        guard body.subtype.map(sdpContainers.contains) ?? true else { return nil }
        for part in body.parts {
            if part.contentType?.isSDP == true, let session = try? SDPSession.parse(part.body, limits: limits) {
                return session
            }
            if let nested = part.nested, let session = sdp(in: nested, limits: limits) { return session }
        }
        return nil
    }

    /// The Content-Type the body was interpreted with, when known.
    public var contentType: SIPMediaType? {
        switch self {
        case .none: nil
        case .sdp: SIPMediaType(type: "application", subtype: "sdp")
        case .multipart(let body):
            SIPMediaType(
                type: "multipart",
                subtype: body.subtype ?? "mixed",
                parameters: SIPParameters([SIPParameter(name: "boundary", value: body.boundary)])
            )
        case .other(let contentType, _): contentType
        }
    }

    /// A one-line summary, never the content.
    public var description: String {
        switch self {
        case .none: "no body"
        case .sdp(let session): "application/sdp, \(session.media.count) media"
        case .multipart(let body): body.description
        case .other(let contentType, let bytes): "\(contentType?.essence ?? "no Content-Type"), \(bytes.count) bytes"
        }
    }
}
