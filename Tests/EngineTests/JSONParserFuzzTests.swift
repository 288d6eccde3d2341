import Engine
import Testing
import TestRandom
import TestSupport

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

    @Test func mutatedDocumentsParseOrThrowAndRoundTrip() {
        var random = SplitMix64(state: 42)
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
        var random = SplitMix64(state: 7)
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
