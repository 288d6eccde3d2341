import Engine
import Testing

/// Mutated and random documents either parse or throw; the parser never traps, and whatever it
/// accepts survives a write and a re-parse unchanged.
@Suite struct JSONParserFuzzTests {
    static let seeds = [
        #"{"id":"m-1","organization_id":"acme","role":"sales","attributes":{"size":12,"tags":["a","b"],"ratio":1.5}}"#,
        #"[1,-2,3.25e2,true,false,null,"\u00e9\ud83d\ude00\n",{"a":[[]]}]"#,
        #"{"name":"Acme \"quoted\" \\ back","segments":[],"parent_id":null}"#,
    ]

    /// Bytes that make mutations likely to stay near-valid JSON.
    static let structural = Array(#"{}[]",:\"0e-."#.utf8)

    /// Deterministic, so that a failure reproduces.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func mutatedDocumentsParseOrThrowAndRoundTrip() {
        var random = SplitMix(state: 42)
        var limits = JSONParser.Limits()
        limits.depthMax = 8
        limits.stringBytesMax = 64
        var accepted = 0
        for iteration in 0..<5000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.insert(Self.structural[Int(random.next() % UInt64(Self.structural.count))], at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            guard let value = try? JSONParser.parse(bytes, limits: limits) else { continue }
            accepted += 1
            #expect((try? JSONParser.parse(JSONWriter.bytes(value), limits: limits)) == value)
        }
        #expect(accepted > 100, "mutations should leave some documents valid, or the test checks nothing")
    }

    @Test func randomBytesNeverCrashTheParser() {
        var random = SplitMix(state: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = try? JSONParser.parse(bytes)
        }
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }
}
