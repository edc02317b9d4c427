import Foundation

/// A value computed at most once, shared by the copies of the struct that holds it.
public final class OnceCache<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value?

  public init() {}

  /// The value, computed by `compute` on the first call only.
  public func value(_ compute: () -> Value) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let stored { return stored }
    let computed = compute()
    stored = computed
    return computed
  }
}
