import Foundation

/// A value computed at most once, shared by the copies of the struct that holds it.
final class OnceCache<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value?

  func value(_ compute: () -> Value) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let stored { return stored }
    let computed = compute()
    stored = computed
    return computed
  }
}
