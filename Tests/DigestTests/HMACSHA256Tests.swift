import Digest
import Testing

/// RFC 4231, test cases 1 to 7.
@Suite struct HMACSHA256Tests {
    static func mac(_ key: [UInt8], _ data: [UInt8]) -> String { Hex.encode(HMACSHA256.authenticationCode(key: key, message: data)) }
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func matchesTheRFC4231Vectors() {
        #expect(Self.mac([UInt8](repeating: 0x0b, count: 20), Self.bytes("Hi There"))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.mac(Self.bytes("Jefe"), Self.bytes("what do ya want for nothing?"))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Self.mac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50))
            == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        #expect(Self.mac(Array(1...25), [UInt8](repeating: 0xcd, count: 50))
            == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
        // Case 5 publishes the first 128 bits only.
        #expect(Self.mac([UInt8](repeating: 0x0c, count: 20), Self.bytes("Test With Truncation")).hasPrefix("a3b6167473100ee06e0c796c2955552b"))
        #expect(Self.mac([UInt8](repeating: 0xaa, count: 131), Self.bytes("Test Using Larger Than Block-Size Key - Hash Key First"))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(Self.mac([UInt8](repeating: 0xaa, count: 131), Self.bytes(
            "This is a test using a larger than block-size key and a larger than block-size data. "
                + "The key needs to be hashed before being used by the HMAC algorithm."))
            == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func keysAtTheBlockSizeBoundaryAndIncrementalMessages() {
        // 64 bytes is used as is; 65 is hashed first: both must differ from each other and be stable.
        let message = Self.bytes("t=1700000000.{\"kind\":\"badge\"}")
        let at64 = Self.mac([UInt8](repeating: 7, count: 64), message)
        let at65 = Self.mac([UInt8](repeating: 7, count: 65), message)
        #expect(at64 != at65 && at64.count == 64)
        var mac = HMACSHA256(key: [UInt8](repeating: 7, count: 64))
        mac.update(message[..<5])
        mac.update(message[5...])
        #expect(Hex.encode(mac.finalize()) == at64)
        #expect(HMACSHA256.hexAuthenticationCode(key: "Jefe", message: "what do ya want for nothing?")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
