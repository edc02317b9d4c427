extension Runway {
  /// Whether the store answers: one small read (the directory's generation), for a readiness
  /// probe (`/readyz`).
  public func checkStore() async throws(EngineError) {
    _ = try await stored { () async throws(StoreError) in
      try await store.snapshot(SnapshotRequest(instanceID: nil, neighbourhood: false))
    }
  }
}
