import Foundation
import RunwayFuzzTargets

#if RUNWAY_FUZZ
  /// The target RUNWAY_FUZZ_TARGET names (scripts/fuzz.sh sets it).
  let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["RUNWAY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("set RUNWAY_FUZZ_TARGET to one of \(names)\n".utf8))
      exit(2)
    }
    return target
  }()

  /// libFuzzer's entry: one input, built with `swift build --sanitize fuzzer`, which links
  /// libFuzzer's own `main` (docs/fuzzing.md).
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#else
  /// Without the fuzzer: `runway-fuzz TARGET FILE…` runs the files through the target once,
  /// to reproduce a finding.
  @main
  struct Replay {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: runway-fuzz \(names) FILE…\n".utf8))
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
          exit(2)
        }
        target.run(Array(data))
        print("\(path): ok")
      }
    }
  }
#endif
