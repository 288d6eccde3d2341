import Engine
import Testing

/// Webhook definitions: an http(s) URL with a host, known kinds or families, a secret of at least
/// 16 bytes; every problem reported with its path.
@Suite struct WebhookDraftTests {
    static func parse(_ text: String) throws -> WebhookDraft {
        try WebhookDraft.parse(try JSONParser.parse(text), id: "crm")
    }

    static func paths(_ text: String) -> [String] {
        problems { _ = try parse(text) }.map(\.path)
    }

    @Test func aCompleteDefinitionParses() throws {
        let draft = try Self.parse(#"""
            {"url": "https://hooks.example.com:8443/laurel?source=x", "kinds": ["notification.*", "badge.earned", "*"],
             "secret": "0123456789abcdef", "active": false, "description": "CRM"}
            """#)
        #expect(draft.url.scheme == .https && draft.url.host == "hooks.example.com" && draft.url.port == 8443)
        #expect(draft.url.target == "/laurel?source=x" && draft.url.hostHeader == "hooks.example.com:8443")
        #expect(draft.kinds == ["notification.*", "badge.earned", "*"] && draft.secret == "0123456789abcdef" && !draft.active)
        let kept = try Self.parse(#"{"url": "http://127.0.0.1:9000", "kinds": ["event.recorded"]}"#)
        #expect(kept.secret == nil && kept.active && kept.url.target == "/" && kept.url.port == 9000, "secret may be left out; active by default")
    }

    @Test func everyProblemIsReportedWithItsPath() {
        #expect(Self.paths(#"{"url": "ftp://x", "kinds": ["badge.earnd", "notification.*", "nope.*"], "secret": "short", "x": 1}"#)
            == ["$.x", "$.url", "$.kinds[0]", "$.kinds[2]", "$.secret"])
        #expect(Self.paths(#"{"kinds": []}"#) == ["$.url", "$.kinds"])
        #expect(Self.paths(#"{"url": "http://h", "kinds": ["*", "*"], "secret": "0123456789abcdef"}"#) == ["$.kinds[1]"], "duplicates")
        #expect(Self.paths(#"{"url": "http://h", "kinds": "badge.earned"}"#) == ["$.kinds"])
        #expect(Self.paths(#"{"url": "http://h", "kinds": ["*"], "secret": "\#(String(repeating: "s", count: 257))"}"#) == ["$.secret"])
        #expect(Self.paths(#"{"url": "http://h", "kinds": ["*"], "secret": "0123456789abcdef"}"#) == [])
        #expect(Self.paths(#"{"url": "http://h", "kinds": ["*"], "secret": "ééééééééé"}"#) == [], "16 bytes, 9 characters")
        #expect(Self.paths(#"[1]"#) == ["$"])
    }

    @Test func urlsNeedAnHTTPSchemeAHostAndNoCredentialsOrFragment() {
        for good in ["http://a", "HTTPS://a.b", "http://a:1/p", "http://[::1]:8080/x", "http://10.0.0.1/x?y=1", "https://a.b/c%20d"] {
            #expect((try? WebhookURL.parse(good).get()) != nil, "\(good)")
        }
        for bad in ["", "a.b", "mailto:x", "ftp://a", "http://", "http:///x", "http://:80", "http://a:0", "http://a:65536", "http://a:x",
                    "http://u:p@a", "http://a/#f", "http://a b", "http://é.de", "http://[::1", "http://[zz]", "http://-a", "//a"] {
            #expect((try? WebhookURL.parse(bad).get()) == nil, "\(bad)")
        }
        #expect((try? WebhookURL.parse("http://[::1]:8080/x").get())?.hostHeader == "[::1]:8080")
        #expect((try? WebhookURL.parse("https://a.b").get())?.hostHeader == "a.b")
    }

    @Test func patternsCoverTheirKindsFamiliesOrEverything() {
        #expect(WebhookKinds.pattern("notification.*", covers: "notification.award"))
        #expect(!WebhookKinds.pattern("notification.*", covers: "badge.earned"))
        #expect(WebhookKinds.pattern("*", covers: "quest.completed") && WebhookKinds.pattern("tier.changed", covers: "tier.changed"))
        #expect(!WebhookKinds.pattern("event.recorded", covers: "event.reversed"))
        #expect(WebhookKinds.all.contains("notification.rule") && WebhookKinds.all.contains("notification.points_expiring"))
        #expect(WebhookKinds.families == ["notification", "event", "badge", "tier", "goal", "leaderboard", "redemption", "quest"])
        #expect(Set(WebhookKinds.all).count == WebhookKinds.all.count)
    }
}
