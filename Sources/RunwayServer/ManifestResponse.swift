import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RunwayEngine
import RunwayPresentation

/// The rollout manifest with its `ETag` (the manifest's digest: unchanged content, unchanged
/// tag), or 304 with no body when `If-None-Match` names the current tag (docs/api.md,
/// "Rollout manifest").
enum ManifestResponse {
  static func make(_ manifest: RolloutManifest, ifNoneMatch: [String]) throws -> Response {
    let tag = "\"\(manifest.digest)\""
    if matches(tag, ifNoneMatch) {
      return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
    }
    var response = try JSONResponse.make(RolloutManifestJSON(manifest))
    response.headers[.eTag] = tag
    // Clients may keep it, but must ask again (cheaply, with If-None-Match) before using it.
    response.headers[.cacheControl] = "no-cache"
    return response
  }

  /// Whether one of the `If-None-Match` values (each a comma-separated list) is `*` or names
  /// `tag`; the comparison is weak (RFC 9110, 13.1.2), so `W/"…"` matches too.
  static func matches(_ tag: String, _ values: [String]) -> Bool {
    for value in values {
      for candidate in value.split(separator: ",") {
        var text = candidate.trimmingCharacters(in: .whitespaces)
        if text == "*" { return true }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text == tag { return true }
      }
    }
    return false
  }
}
