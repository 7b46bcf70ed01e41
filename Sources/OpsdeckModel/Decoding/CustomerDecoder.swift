/// One record of `customers.json`.
enum CustomerDecoder {
    static func customer(_ f: inout FieldReader) throws -> Customer? {
        guard var c = try f.beginObject("") else { return nil }
        var id: String?, name: String?, email: String?, tags: [String]?, marketing: Bool?
        while let k = try f.json.nextKey(&c) {
            if k == "id" { id = try f.recordKey(k) }
            else if k == "name" { name = try f.string(k) }
            else if k == "email" { email = try f.string(k) }
            else if k == "tags" { tags = try f.strings(k) }
            else if k == "accepts_marketing" { marketing = try f.bool(k) }
            else { try f.json.skipValue() }
        }
        guard let id = f.require(id, "id") else { return nil }
        return Customer(id: id, name: name, email: email, tags: tags ?? [], acceptsMarketing: marketing)
    }
}
