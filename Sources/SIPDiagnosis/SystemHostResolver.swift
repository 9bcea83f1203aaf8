import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves names with the system's resolver (`getaddrinfo`: /etc/hosts, then DNS A and AAAA
/// records). SIP's own NAPTR and SRV steps (RFC 3263 section 4) are not taken: a route with a
/// bare domain may in practice be served by other hosts than its A records name.
public struct SystemHostResolver: HostResolver {
    public init() {}

    public func resolve(_ host: String) -> HostResolution {
        if let address = IPAddress(host) { return .addresses([address]) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #else
        hints.ai_socktype = SOCK_DGRAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        defer { if let result { freeaddrinfo(result) } }
        guard status == 0 else {
            return .failed(String(cString: gai_strerror(status)))
        }
        var addresses: [IPAddress] = []
        var cursor = result
        while let entry = cursor {
            if let address = Self.address(of: entry.pointee), !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        return addresses.isEmpty ? .failed("no addresses") : .addresses(addresses)
    }

    private static func address(of entry: addrinfo) -> IPAddress? {
        guard let socketAddress = entry.ai_addr else { return nil }
        switch entry.ai_family {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin_addr) { IPAddress(bytes: $0) }
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { IPAddress(bytes: $0) }
            }
        default:
            return nil
        }
    }
}
