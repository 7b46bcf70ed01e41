/// Entry point from the poller and `opsdeck check` into the per-file decoders.
/// (Interface fixed first so the poller can be built beside the decoders; the body is filled in by them.)
public enum SourceDecoder {
    /// Decodes one file's bytes as `kind` and replaces that source's records in `snapshot`.
    /// Returns `generated_at` and the record-level problems (skipped records, duplicate ids).
    /// Throws a file-level problem (invalid JSON with line:column, wrong envelope) and leaves `snapshot` untouched.
    public static func decode(_ kind: SourceKind, bytes: [UInt8], file: String,
                              into snapshot: inout StoreSnapshot) throws(DataProblem) -> (generatedAt: Timestamp?, problems: [DataProblem]) {
        throw DataProblem(file: file, reason: "decoder for \(kind.fileName) not built yet")
    }
}
