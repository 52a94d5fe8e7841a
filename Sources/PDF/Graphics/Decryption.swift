import Crypto
import FoundationEssentials
import _CryptoExtras

/// The standard security handler (ISO 32000-2 §7.6.4), for the streams the graphics reader
/// decodes: RC4 (V1, V2), RC4 or AES-128 crypt filters (V4: `/V2`, `/AESV2`) and AES-256 (V5,
/// R5 and R6), opened with the document's password or the empty user password most published
/// reports carry (an owner password forbids copying, not reading). MD5, SHA-2 and AES come from
/// swift-crypto; RC4, which it does not offer, is the dozen lines below.
///
/// Strings are not decrypted: the reader uses none of them (an `/Indexed` lookup table written
/// as a string in an encrypted file is read as garbage, which changes a colour, not a box).
struct Decryption {
    enum Cipher {
        case identity
        case rc4
        case aes
    }

    let key: [UInt8]
    let streamCipher: Cipher
    /// Whether object keys are derived per object (everything but AES-256).
    let perObjectKeys: Bool

    /// The decryption of a file whose trailer has `encrypt`, or why there is none.
    static func make(
        encrypt: [String: PDFObject], id: [UInt8], password: [UInt8], resolve: (PDFObject) -> PDFObject
    ) -> Result<Decryption, Failure> {
        func value(_ key: String) -> PDFObject? { encrypt[key].map(resolve) }
        guard value("Filter")?.name == "Standard" else { return .failure(.unsupported("security handler")) }
        let version = value("V")?.integer ?? 0
        let revision = value("R")?.integer ?? 0
        guard case .string(let owner) = value("O"), case .string(let user) = value("U") else {
            return .failure(.unsupported("encryption dictionary"))
        }
        var cipher = Cipher.rc4
        var length = (value("Length")?.integer ?? 40) / 8
        if version >= 4 {
            let name = value("StmF")?.name ?? "Identity"
            if name == "Identity" {
                cipher = .identity
            } else {
                let filter = value("CF")?.dictionary?[name].map(resolve)?.dictionary
                switch filter?["CFM"].map(resolve)?.name {
                case "V2": cipher = .rc4
                case "AESV2": cipher = .aes
                case "AESV3": cipher = .aes
                default: return .failure(.unsupported("crypt filter"))
                }
                if let bits = filter?["Length"].map(resolve)?.integer { length = bits > 32 ? bits / 8 : bits }
            }
        }
        if version == 1 { length = 5 }
        if revision >= 5 {
            guard let key = aes256Key(encrypt: value, owner: owner, user: user, password: password, revision: revision)
            else { return .failure(.password) }
            return .success(Decryption(key: key, streamCipher: cipher, perObjectKeys: false))
        }
        length = max(5, min(length, 16))
        let permissions = UInt32(truncatingIfNeeded: value("P")?.integer ?? 0)
        var encryptMetadata = true
        if case .bool(false) = value("EncryptMetadata") { encryptMetadata = false }
        func fileKey(_ password: [UInt8]) -> [UInt8] {
            Self.fileKey(
                password: password, owner: owner, permissions: permissions, id: id, revision: revision,
                length: length, encryptMetadata: encryptMetadata)
        }
        func userMatches(_ key: [UInt8]) -> Bool {
            let expected = userValue(key: key, revision: revision, id: id)
            return expected == Array(user.prefix(expected.count))
        }
        let asUser = fileKey(password)
        if userMatches(asUser) {
            return .success(Decryption(key: asUser, streamCipher: cipher, perObjectKeys: true))
        }
        // The password may be the owner's: it unlocks the user password stored in /O.
        var ownerKey = md5(padded(password))
        if revision >= 3 {
            for _ in 0..<50 { ownerKey = md5(ownerKey) }
        }
        ownerKey = Array(ownerKey.prefix(length))
        var recovered = Array(owner.prefix(32))
        if revision == 2 {
            recovered = rc4(key: ownerKey, recovered)
        } else {
            for round in (0...19).reversed() { recovered = rc4(key: ownerKey.map { $0 ^ UInt8(round) }, recovered) }
        }
        let asOwner = fileKey(recovered)
        if userMatches(asOwner) {
            return .success(Decryption(key: asOwner, streamCipher: cipher, perObjectKeys: true))
        }
        return .failure(.password)
    }

    /// Algorithm 2: the file key from a password (R2–R4).
    static func fileKey(
        password: [UInt8], owner: [UInt8], permissions: UInt32, id: [UInt8], revision: Int, length: Int,
        encryptMetadata: Bool
    ) -> [UInt8] {
        var input = padded(password) + owner.prefix(32)
        input += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: permissions >> UInt32($0)) }
        input += id
        if revision >= 4 && !encryptMetadata { input += [0xFF, 0xFF, 0xFF, 0xFF] }
        var hash = md5(input)
        if revision >= 3 {
            for _ in 0..<50 { hash = md5(Array(hash.prefix(length))) }
        }
        return Array(hash.prefix(length))
    }

    /// Algorithms 4 and 5: what `/U` holds for a file key (its first 16 bytes from R3 on).
    static func userValue(key: [UInt8], revision: Int, id: [UInt8]) -> [UInt8] {
        if revision == 2 { return rc4(key: key, padding) }
        var value = rc4(key: key, md5(padding + id))
        for round in 1...19 { value = rc4(key: key.map { $0 ^ UInt8(round) }, value) }
        return value
    }

    enum Failure: Error {
        case unsupported(String)
        case password

        var reason: String {
            switch self {
            case .unsupported(let what): return "encrypted (unsupported \(what))"
            case .password: return "encrypted (a password is needed)"
            }
        }
    }

    /// The decrypted bytes of the stream of object `number` `generation`.
    func decrypt(_ data: ArraySlice<UInt8>, number: Int, generation: Int) -> [UInt8] {
        switch streamCipher {
        case .identity:
            return Array(data)
        case .rc4:
            return rc4(key: objectKey(number, generation, aes: false), Array(data))
        case .aes:
            guard data.count >= 32 else { return [] }
            let key = perObjectKeys ? objectKey(number, generation, aes: true) : self.key
            let iv = Array(data.prefix(16))
            let body = data.dropFirst(16)
            guard let vector = try? AES._CBC.IV(ivBytes: iv) else { return [] }
            let symmetric = SymmetricKey(data: key)
            if let plain = try? AES._CBC.decrypt(body, using: symmetric, iv: vector, noPadding: false) {
                return [UInt8](plain)
            }
            let whole = body.prefix(body.count - body.count % 16)
            return (try? AES._CBC.decrypt(whole, using: symmetric, iv: vector, noPadding: true)).map { [UInt8]($0) }
                ?? []
        }
    }

    /// Algorithm 1: the key of one object's strings and streams.
    func objectKey(_ number: Int, _ generation: Int, aes: Bool) -> [UInt8] {
        guard perObjectKeys else { return key }
        var input = key
        input += [UInt8(number & 0xFF), UInt8((number >> 8) & 0xFF), UInt8((number >> 16) & 0xFF)]
        input += [UInt8(generation & 0xFF), UInt8((generation >> 8) & 0xFF)]
        if aes { input += [0x73, 0x41, 0x6C, 0x54] }  // "sAlT"
        return Array(md5(input).prefix(min(key.count + 5, 16)))
    }

    // MARK: AES-256 (R5, R6)

    private static func aes256Key(
        encrypt value: (String) -> PDFObject?, owner: [UInt8], user: [UInt8], password: [UInt8], revision: Int
    ) -> [UInt8]? {
        guard owner.count >= 48, user.count >= 48 else { return nil }
        let password = Array(password.prefix(127))
        let zero = try? AES._CBC.IV(ivBytes: [UInt8](repeating: 0, count: 16))
        func unwrap(_ wrapped: PDFObject?, with key: [UInt8]) -> [UInt8]? {
            guard case .string(let bytes) = wrapped, bytes.count >= 32, let zero else { return nil }
            return (try? AES._CBC.decrypt(bytes.prefix(32), using: SymmetricKey(data: key), iv: zero, noPadding: true))
                .map { [UInt8]($0) }
        }
        let userData = Array(user.prefix(48))
        if hash(password, salt: Array(user[32..<40]), extra: [], revision: revision) == Array(user.prefix(32)) {
            return unwrap(value("UE"), with: hash(password, salt: Array(user[40..<48]), extra: [], revision: revision))
        }
        if hash(password, salt: Array(owner[32..<40]), extra: userData, revision: revision) == Array(owner.prefix(32)) {
            return unwrap(
                value("OE"), with: hash(password, salt: Array(owner[40..<48]), extra: userData, revision: revision))
        }
        return nil
    }

    /// Algorithm 2.A (R5: one SHA-256) and 2.B (R6: the SHA-2 and AES rounds).
    private static func hash(_ password: [UInt8], salt: [UInt8], extra: [UInt8], revision: Int) -> [UInt8] {
        var digest = Array(SHA256.hash(data: password + salt + extra))
        guard revision >= 6 else { return digest }
        var round = 0
        while true {
            let block = password + digest + extra
            var repeated: [UInt8] = []
            repeated.reserveCapacity(block.count * 64)
            for _ in 0..<64 { repeated += block }
            guard let iv = try? AES._CBC.IV(ivBytes: Array(digest[16..<32])),
                let encrypted = try? AES._CBC.encrypt(
                    repeated, using: SymmetricKey(data: digest.prefix(16)), iv: iv, noPadding: true)
            else { return [] }
            let bytes = [UInt8](encrypted)
            let selector = bytes.prefix(16).reduce(0) { ($0 + Int($1)) % 3 }
            switch selector {
            case 0: digest = Array(SHA256.hash(data: bytes))
            case 1: digest = Array(SHA384.hash(data: bytes))
            default: digest = Array(SHA512.hash(data: bytes))
            }
            round += 1
            if round >= 64, let last = bytes.last, Int(last) <= round - 32 { break }
            if round > 1000 { break }
        }
        return Array(digest.prefix(32))
    }

    // MARK: Primitives

    static let padding: [UInt8] = [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ]

    private static func padded(_ password: [UInt8]) -> [UInt8] {
        Array((Array(password.prefix(32)) + padding).prefix(32))
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] { Array(Insecure.MD5.hash(data: bytes)) }
    private func md5(_ bytes: [UInt8]) -> [UInt8] { Self.md5(bytes) }

    /// RC4, which encrypts and decrypts alike.
    static func rc4(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        guard !key.isEmpty else { return data }
        var state = [UInt8](0...255)
        var j = 0
        for i in 0..<256 {
            j = (j + Int(state[i]) + Int(key[i % key.count])) & 0xFF
            state.swapAt(i, j)
        }
        var output = data
        var i = 0
        j = 0
        for index in output.indices {
            i = (i + 1) & 0xFF
            j = (j + Int(state[i])) & 0xFF
            state.swapAt(i, j)
            output[index] ^= state[(Int(state[i]) + Int(state[j])) & 0xFF]
        }
        return output
    }

    private func rc4(key: [UInt8], _ data: [UInt8]) -> [UInt8] { Self.rc4(key: key, data) }
}
