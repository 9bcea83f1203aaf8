import Testing
import VidaAPI

@Suite struct VidaTokenTests {
    @Test func descriptionHidesTheSecret() throws {
        let token = try VidaToken("  s3cret-value\n")
        #expect("\(token)" == "***")
        #expect(String(reflecting: token) == "***")
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("s3cret"))
    }
}
