public struct Customer: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String?
    public var email: String?
    public var tags: [String]
    public var acceptsMarketing: Bool?
    public init(id: String, name: String? = nil, email: String? = nil, tags: [String] = [], acceptsMarketing: Bool? = nil) {
        self.id = id; self.name = name; self.email = email; self.tags = tags; self.acceptsMarketing = acceptsMarketing
    }
    public var isVIP: Bool { tags.contains { $0.lowercased() == "vip" } }
}
