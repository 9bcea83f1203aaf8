/// A list the API returns, wherever it sits in the body. vida-openapi.json documents
/// `{"success": true, "message": "Success", "<key>": [...]}`; other server versions wrap it as
/// `{"data": [...]}` or `{"data": {"<key>": [...]}}`, or send the bare array. Unknown fields are
/// ignored. `items` is nil when no list was found in any of those places.
struct VidaListEnvelope<Element: Decodable & Sendable>: Decodable, Sendable {
    let items: [Element]?

    /// The list's key in the documented shape, passed through the decoder's `userInfo`.
    static var keyInfo: CodingUserInfoKey? { CodingUserInfoKey(rawValue: "VidaListEnvelope.key") }

    init(from decoder: any Decoder) throws {
        if let items = try? decoder.singleValueContainer().decode([Element].self) {
            self.items = items
            return
        }
        let key = Self.keyInfo.flatMap { decoder.userInfo[$0] as? String } ?? "data"
        let container = try decoder.container(keyedBy: VidaCodingKey.self)
        let name = VidaCodingKey(key)
        let data = VidaCodingKey("data")
        if container.contains(name) {
            // The documented place: null there is an empty list; anything else that does not
            // decode as a list is an error, not "absent".
            items = try container.decodeNil(forKey: name) ? [] : container.decode([Element].self, forKey: name)
        } else if let items = try? container.decode([Element].self, forKey: data) {
            self.items = items
        } else if let nested = try? container.nestedContainer(keyedBy: VidaCodingKey.self, forKey: data),
            nested.contains(name)
        {
            items = try nested.decode([Element].self, forKey: name)
        } else {
            items = nil
        }
    }
}

/// A coding key made from any string.
struct VidaCodingKey: CodingKey, Sendable {
    let stringValue: String
    let intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// One outbound route: a string as documented (`"1.1.1.1:5060;transport=udp"`), or an object
/// `{"route": "..."}` as some versions list them.
struct VidaRouteItem: Decodable, Sendable {
    let route: String

    private enum CodingKeys: String, CodingKey {
        case route
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            route = text
        } else {
            route = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .route)
        }
    }
}

/// The body of `GET /api/v2/sip/registration`: `{"success": true, "registration": {...}}`
/// (capture-formats.md section 7), or `{"data": {...}}`, or the bare object. A null or empty
/// `registration` means there is none.
struct VidaRegistrationEnvelope: Decodable, Sendable {
    let registration: Registration?
    /// Whether a place for the registration was found at all (as opposed to an unknown shape).
    let recognised: Bool

    private enum CodingKeys: String, CodingKey {
        case registration
        case data
        case aor
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.registration, .data] where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                registration = nil
            } else if let empty = try? container.decode([String: JSONValue].self, forKey: key), empty.isEmpty {
                registration = nil
            } else {
                registration = try container.decode(Registration.self, forKey: key)
            }
            recognised = true
            return
        }
        if container.contains(.aor) {
            registration = try Registration(from: decoder)
            recognised = true
        } else {
            registration = nil
            recognised = false
        }
    }
}
