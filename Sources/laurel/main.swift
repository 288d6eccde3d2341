#if canImport(Glibc)
import Glibc
#endif
import Foundation

// Entry point: parse the command line, run one command, exit with its status.
let status: Int32
do {
    let arguments = try CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
    status = try Commands.run(arguments, environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Array("laurel: \(error)\n".utf8).withUnsafeBufferPointer { Data(buffer: $0) })
    status = 2
}
exit(status)
