import Digest
import Testing

@Suite struct SHA256Tests {
    @Test func matchesTheFIPSVectors() {
        #expect(SHA256.hexHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hexHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hexHash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let text = Array("The quick brown fox jumps over the lazy dog, again and again and again.".utf8)
        for split in [0, 1, 55, 56, 63, 64, 65, text.count] {
            var hasher = SHA256()
            hasher.update(text[..<split])
            hasher.update(text[split...])
            #expect(Hex.encode(hasher.finalize()) == SHA256.hexHash(text))
        }
    }

    @Test func constantTimeEqualityComparesWholeArrays() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
    }
}
