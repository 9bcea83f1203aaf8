import Foundation

/// A Vida API token. The secret is kept out of every textual form of the value: `description`,
/// `debugDescription`, string interpolation, `dump` and `Mirror` all show `***`, so that a token
/// logged or printed by accident does not leak.
///
/// The API takes it as the `token` query parameter (`components.securitySchemes.apiKeyAuth` in
/// vida-openapi.json), and the registration endpoint also as an `authorization` header.
public struct VidaToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret lives in a class instance that reflects as nothing, so that even a `Mirror`
    /// walking the struct's stored properties finds no string.
    private final class Box: Sendable, CustomReflectable, CustomStringConvertible {
        let secret: String
        init(_ secret: String) { self.secret = secret }
        var customMirror: Mirror { Mirror(self, children: [:]) }
        var description: String { "***" }
    }

    private let box: Box

    /// Makes a token from the text of a token file, an environment variable or a config file:
    /// surrounding whitespace and newlines are dropped (files usually end with one).
    ///
    /// - Throws: ``VidaError/Kind/configuration`` when nothing is left, or when the token holds
    ///   control characters (it would not survive a URL or an HTTP header intact).
    public init(_ secret: String) throws(VidaError) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw VidaError(kind: .configuration, message: "The Vida API token is empty.")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw VidaError(
                kind: .configuration,
                message: "The Vida API token contains control characters: copy it again from the Vida dashboard."
            )
        }
        box = Box(trimmed)
    }

    /// The secret itself, for building requests and for redaction only.
    var secret: String { box.secret }

    /// Every spelling of the token that a text could carry (raw and percent-encoded), for a
    /// redactor outside this module to remove: a support-ticket report removes them from the
    /// capture it shows. Never print them.
    public var spellingsToRedact: [String] { VidaRedactor.spellings(of: box.secret) }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
