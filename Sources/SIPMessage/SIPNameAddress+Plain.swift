extension SIPNameAddress {
    /// The usual address, read without making Strings: `"name" <uri>;params`, `name <uri>;params`,
    /// `<uri>;params` or `uri;params` (RFC 3261 section 25.1 `name-addr` / `addr-spec`, then
    /// `*( SEMI generic-param )`) whose URI is a plain SIP URI (``SIPURI/plainSIP(_:limits:)``)
    /// and whose parameters fit ``SIPParameterSpans``. `nil` for anything else, and for anything
    /// the full parse would note or reject: ``parse(_:limits:notes:)`` then reads it, so errors
    /// and notes are its own. The result holds what the full parse gives for these bytes.
    ///
    /// `value` is trimmed. One pass on its buffer: a typed header is parsed on every read, and
    /// the slices and scanner of the full parse cost a retain and release each.
    static func plain(_ value: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPAddressSource? {
        guard SIPParameterSpans.fits(value) else { return nil }
        let maxParameters = limits.maxParameters
        let found = value.withUnsafeBufferPointer { buffer in
            var reader = PlainAddressReader(buffer: buffer, isList: false)
            return reader.address(maxParameters: maxParameters)
        }
        guard let (address, uri) = found else { return nil }
        return SIPAddressSource(address: value, address: address, uri: uri)
    }

    /// A comma-separated list of usual addresses (RFC 3261 section 7.3.1), split as
    /// ``SIPScanner/forEachListElement(_:limits:notes:_:)`` splits it and each read as
    /// ``plain(_:limits:)`` reads one, appended to `result`; `false`, with `result` as it was,
    /// when one element is not plain, there is none, or there are more than `limits.maxListElements`.
    static func appendPlainList(
        _ value: ArraySlice<UInt8>,
        to result: inout [SIPNameAddress],
        limits: SIPParseLimits
    ) -> Bool {
        guard SIPParameterSpans.fits(value) else { return false }
        let first = result.endIndex
        let maxParameters = limits.maxParameters
        let count = value.withUnsafeBufferPointer { buffer -> Int? in
            var reader = PlainAddressReader(buffer: buffer, isList: true)
            var count = 0
            while let start = reader.nextElement() {
                guard count < limits.maxListElements, let (address, uri) = reader.address(maxParameters: maxParameters)
                else { return nil }
                let bytes = value[(value.startIndex + start)..<(value.startIndex + reader.elementEnd)]
                result.append(SIPNameAddress(source: SIPAddressSource(address: bytes, address: address, uri: uri)))
                count += 1
            }
            return count
        }
        guard let count, count > 0 else {
            result.removeSubrange(first...)
            return false
        }
        return true
    }
}
