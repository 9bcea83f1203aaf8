extension SIPURI {
    /// The components of a ``SIPURI``, shared between copies of one value until one is written.
    ///
    /// `@unchecked Sendable`: a box is written only through ``SIPURI``'s setters, which copy it
    /// first unless the writing value is its only owner, so a box reachable from two threads is
    /// never written.
    final class Fields: @unchecked Sendable {
        var scheme: String
        var opaqueText: SIPSourceText
        var user: String?
        var password: String?
        var host: SIPHost?
        var port: UInt16?
        var parameters: SIPParameters
        var headers: [SIPParameter]
        var telephoneNumber: String?
        var rawText: SIPSourceText

        init(
            scheme: String,
            opaqueText: SIPSourceText,
            user: String? = nil,
            password: String? = nil,
            host: SIPHost? = nil,
            port: UInt16? = nil,
            parameters: SIPParameters = SIPParameters(),
            headers: [SIPParameter] = [],
            telephoneNumber: String? = nil,
            rawText: SIPSourceText
        ) {
            self.scheme = scheme
            self.opaqueText = opaqueText
            self.user = user
            self.password = password
            self.host = host
            self.port = port
            self.parameters = parameters
            self.headers = headers
            self.telephoneNumber = telephoneNumber
            self.rawText = rawText
        }

        /// The components `uri` reads, whatever holds them.
        convenience init(copying uri: SIPURI) {
            self.init(
                scheme: uri.scheme,
                opaqueText: SIPSourceText(uri.opaque),
                user: uri.user,
                password: uri.password,
                host: uri.host,
                port: uri.port,
                parameters: SIPParameters(uri.parameters.elements),
                headers: uri.headers,
                telephoneNumber: uri.telephoneNumber,
                rawText: SIPSourceText(uri.raw)
            )
        }

        func copy() -> Fields {
            Fields(
                scheme: scheme,
                opaqueText: opaqueText,
                user: user,
                password: password,
                host: host,
                port: port,
                parameters: parameters,
                headers: headers,
                telephoneNumber: telephoneNumber,
                rawText: rawText
            )
        }

        /// Whether every component is equal, as a memberwise `==` would compare them.
        func hasEqualComponents(to other: Fields) -> Bool {
            scheme == other.scheme && user == other.user && password == other.password && host == other.host
                && port == other.port && parameters == other.parameters && headers == other.headers
                && telephoneNumber == other.telephoneNumber && opaqueText == other.opaqueText
                && rawText == other.rawText
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(scheme)
            hasher.combine(opaqueText)
            hasher.combine(user)
            hasher.combine(password)
            hasher.combine(host)
            hasher.combine(port)
            hasher.combine(parameters)
            hasher.combine(headers)
            hasher.combine(telephoneNumber)
            hasher.combine(rawText)
        }
    }
}
