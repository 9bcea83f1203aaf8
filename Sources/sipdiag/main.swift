import SIPDiagCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

exit(SIPDiagCommand.main(Array(CommandLine.arguments.dropFirst())))
