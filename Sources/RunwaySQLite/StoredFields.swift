import RunwayEngine
import RunwayModel
import RunwaySQL

/// An instance's fields as the store writes them (`StoredValueCoding`), as UTF-8 bytes, with
/// where each field lies when the store wrote them itself, so that the next commit writes
/// again only the fields it changed (docs/benchmarks.md, W4). Bytes, not a `String`: they are
/// bound and compared as bytes, and a string made of them cost an allocation and a copy.
struct StoredFields {
  var bytes: [UInt8]
  var object: JSONObjectText?

  /// `fields` written whole.
  init(_ fields: [String: Value]) {
    self.init(object: JSONObjectText(fields, style: .tagged), fields)
  }

  private init(object: JSONObjectText?, _ fields: [String: Value]) {
    self.object = object
    bytes = object?.bytes ?? Array(StoredValueCoding.encode(fields).utf8)
  }

  /// The fields of `commit`, decided on the instance `remembered` holds: its stored fields with
  /// the changed ones written again, when the commit names them; else written whole.
  init(_ commit: InstanceCommit, decidedOn remembered: StoredInstanceCache.Entry) {
    let fields = commit.instance.fields
    let replaced = commit.changedFields.flatMap { changed in
      remembered.fieldsObject?.replacing(changed, in: fields, style: .tagged)
    }
    self.init(object: replaced ?? JSONObjectText(fields, style: .tagged), fields)
  }
}
