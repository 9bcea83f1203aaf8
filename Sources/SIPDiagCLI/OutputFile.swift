#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a command's result to `-o FILE`: whole, or not at all. The bytes go to a temporary
/// file beside the target that is renamed over it, so a failure never leaves half a report.
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func save(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = path + ".sipdiag-partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: "cannot write \(path): \(errorText())") }
        var offset = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == nil { failure = errorText() }
        if failure == nil, rename(temporary, path) != 0 { failure = errorText() }
        if let failure {
            unlink(temporary)
            throw WriteError(description: "cannot write \(path): \(failure)")
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
