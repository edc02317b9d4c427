import RunwayModel

/// Reads YAML or JSON text (JSON is YAML) as a `Value`, for `--param name=@file.yaml`.
public enum ValueLoader {
  public static func parse(_ text: String, file: String, limits: LoaderLimits = .standard)
    throws(DiagnosticError) -> Value
  {
    guard let root = try YAMLNode.parse(text, file: file, limits: limits) else { return .null }
    return YAMLReader().value(root)
  }
}
