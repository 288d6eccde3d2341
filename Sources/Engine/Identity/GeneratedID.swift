/// Ids Laurel makes for what callers do not name themselves (redemptions, disputes): a prefix
/// saying what it is and 96 random bits in hex, e.g. `dsp_00a1…`.
public enum GeneratedID {
    public static func make(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<3).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
        return prefix + "_" + words.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}
