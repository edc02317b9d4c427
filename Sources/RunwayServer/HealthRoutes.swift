import Hummingbird
import RunwayEngine

/// `/healthz` (the process answers), `/readyz` (the store answers too), and the OpenAPI
/// document; none needs a token.
enum HealthRoutes {
  static func register(on router: Router<APIRequestContext>, _ api: API) {
    // Constant answers, written as text: /healthz is the floor W6 is measured against.
    router.get("/healthz") { _, _ in JSONResponse.json(#"{"status":"ok"}"#) }
    router.get("/readyz") { _, _ in
      try await api.runway.checkStore()
      return JSONResponse.json(#"{"status":"ready"}"#)
    }
    router.get("/v1/openapi.yaml") { _, _ in
      JSONResponse.text(String(decoding: PackageResources.openapi_yaml, as: UTF8.self), contentType: "application/yaml")
    }
  }
}
