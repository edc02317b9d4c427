import Foundation

/// Whether a process a test started (or a program started) is still alive, read from
/// `/proc`: the tests that stop programs past their time limit check that nothing they
/// started outlives them.
public enum ProcessLiveness {
  /// Whether `pid` is still a live process a few seconds on (a kill takes effect when the
  /// process next runs; a zombie awaiting its reaper is not live).
  public static func outlives(_ pid: Int32) -> Bool {
    for _ in 0..<100 {
      if !isRunning(pid) { return false }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return true
  }

  /// Whether `pid` is a live process now (a zombie or a dead one is not).
  public static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return !stat[close...].hasPrefix(") Z") && !stat[close...].hasPrefix(") X")
  }
}
