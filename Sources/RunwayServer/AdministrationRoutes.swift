import Hummingbird
import RunwayEngine
import RunwayModel
import RunwayYAML

/// `/v1/directory`, `/v1/settings`, `/v1/audit`: the platform's administration, for tokens
/// with the admin scope only (docs/api.md, "Scopes").
enum AdministrationRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    router.get("/v1/directory") { _, context in
      _ = try context.caller(needing: .admin)
      return try JSONResponse.make(try await api.runway.directory())
    }
    router.post("/v1/directory") { request, context in
      let caller = try context.caller(needing: .admin)
      let type = request.headers[.contentType]?.lowercased() ?? "application/json"
      guard type.hasPrefix("application/json") || type.hasPrefix("application/yaml") || type.hasPrefix("text/yaml")
      else { throw APIError.unsupported("send the directory as application/json or application/yaml, not \(type)") }
      guard let text = String(validating: try await api.input.bytes(request), as: UTF8.self) else {
        throw APIError.invalidInput("the body is not UTF-8 text")
      }
      let existing = try await api.runway.directory()
      let directory: Directory
      do {
        directory = try DirectoryLoader.parse(text, file: "body", domain: api.runway.catalog.domain, existing: existing)
      } catch let error
        as DiagnosticError
      {
        throw APIError.invalidInput(error.diagnostics.first { $0.severity == .error }?.description ?? "\(error)")
      }
      try await api.runway.importDirectory(directory, from: "the API", caller: caller)
      return try JSONResponse.make(["imported": api.runway.importCounts(directory)])
    }
    router.get("/v1/settings") { _, context in
      _ = try context.caller(needing: .admin)
      return try JSONResponse.make(try await api.runway.settings())
    }
    router.put("/v1/settings/:key") { request, context in
      let caller = try context.caller(needing: .admin)
      let body = try await api.input.object(request) ?? [:]
      for name in body.keys where name != "value" && name != "scope" {
        throw APIError.invalidInput("unknown key \"\(name)\" in the body: it takes \"value\" and \"scope\"")
      }
      let text: String
      switch body["value"] {
      case nil, .null?: throw APIError.invalidInput("the body needs \"value\"")
      case .string(let string)?: text = string
      case let value?:
        var json = JSONText()
        json.value(value)
        text = json.text
      }
      let scope: String?
      switch body["scope"] {
      case nil, .null?: scope = nil
      case .string(let string)?: scope = string
      default: throw APIError.invalidInput("\"scope\" must be a string (a record id)")
      }
      let stored = try await api.runway.setSetting(
        try api.parameter("key", context), text: text, scope: scope, caller: caller)
      return try JSONResponse.make(stored)
    }
    router.get("/v1/audit") { _, context in
      let caller = try context.caller(needing: .admin)
      return try JSONResponse.make(try await api.runway.audit(caller: caller))
    }
  }
}
