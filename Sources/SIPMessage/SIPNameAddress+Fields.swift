extension SIPNameAddress {
    /// The components of a ``SIPNameAddress``, shared between copies of one value until one is written.
    ///
    /// `@unchecked Sendable`: a box is written only through ``SIPNameAddress``'s setters, which
    /// copy it first unless the writing value is its only owner, so a box reachable from two
    /// threads is never written.
    final class Fields: @unchecked Sendable {
        var displayName: String?
        var uri: SIPURI
        var parameters: SIPParameters
        var isNameAddr: Bool
        var rawText: SIPSourceText

        init(displayName: String?, uri: SIPURI, parameters: SIPParameters, isNameAddr: Bool, rawText: SIPSourceText) {
            self.displayName = displayName
            self.uri = uri
            self.parameters = parameters
            self.isNameAddr = isNameAddr
            self.rawText = rawText
        }

        /// The components `address` reads, whatever holds them.
        convenience init(copying address: SIPNameAddress) {
            self.init(
                displayName: address.displayName,
                uri: address.uri,
                parameters: SIPParameters(address.parameters.elements),
                isNameAddr: address.isNameAddr,
                rawText: SIPSourceText(address.raw)
            )
        }

        func copy() -> Fields {
            Fields(displayName: displayName, uri: uri, parameters: parameters, isNameAddr: isNameAddr, rawText: rawText)
        }

        /// Whether every component is equal, as a memberwise `==` would compare them.
        func hasEqualComponents(to other: Fields) -> Bool {
            displayName == other.displayName && uri == other.uri && parameters == other.parameters
                && isNameAddr == other.isNameAddr && rawText == other.rawText
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(displayName)
            hasher.combine(uri)
            hasher.combine(parameters)
            hasher.combine(isNameAddr)
            hasher.combine(rawText)
        }
    }
}
