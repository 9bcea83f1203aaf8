// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "sipdiag",
    products: [
        .library(name: "SIPCapture", targets: ["SIPCapture"]),
        .library(name: "SIPMessage", targets: ["SIPMessage"]),
        .library(name: "SIPAnalysis", targets: ["SIPAnalysis"]),
        .library(name: "SIPDiagnosis", targets: ["SIPDiagnosis"]),
        .library(name: "SIPReport", targets: ["SIPReport"]),
        .library(name: "SIPProbe", targets: ["SIPProbe"]),
        .library(name: "VidaAPI", targets: ["VidaAPI"]),
        .library(name: "SIPDiagnostics", targets: ["SIPDiagnostics"]),
        .executable(name: "sipdiag", targets: ["sipdiag"]),
    ],
    targets: [
        // MARK: - Library modules
        .target(name: "SIPCapture"),
        .target(name: "SIPMessage"),
        .target(name: "SIPAnalysis", dependencies: ["SIPCapture", "SIPMessage"]),
        .target(name: "SIPDiagnosis", dependencies: ["SIPAnalysis", "SIPCapture", "SIPMessage"]),
        .target(name: "SIPReport", dependencies: ["SIPDiagnosis", "SIPAnalysis", "SIPCapture", "SIPMessage"]),
        // Active checks over the network (SIP OPTIONS to the routes): apart from the diagnosis,
        // which stays pure and offline.
        .target(name: "SIPProbe", dependencies: ["SIPDiagnosis", "SIPCapture", "SIPMessage"]),
        // The Vida API client: Foundation only, nothing of ours.
        .target(name: "VidaAPI"),
        .target(
            name: "SIPDiagnostics",
            dependencies: [
                "SIPAnalysis", "SIPCapture", "SIPDiagnosis", "SIPMessage", "SIPProbe", "SIPReport", "VidaAPI",
            ]
        ),

        // MARK: - Command line
        .target(
            name: "SIPDiagCLI",
            dependencies: [
                "SIPCapture", "SIPMessage", "SIPAnalysis", "SIPDiagnosis", "SIPProbe", "SIPReport", "VidaAPI",
            ]
        ),
        .executableTarget(name: "sipdiag", dependencies: ["SIPDiagCLI"]),

        // MARK: - A fake Vida API for tests and demos (not a product)
        .target(name: "VidaTestServer"),
        .executableTarget(name: "sipdiag-testserver", dependencies: ["VidaTestServer"]),

        // MARK: - Benchmarks
        .executableTarget(
            name: "sipdiag-benchgen",
            dependencies: ["SIPCapture"],
            path: "Benchmarks/Generator"
        ),
        .executableTarget(
            name: "sipdiag-parsebench",
            dependencies: ["SIPMessage"],
            path: "Benchmarks/ParserBench"
        ),

        // MARK: - Fixture generator (samples/api: the capture API's formats from a real capture)
        .executableTarget(
            name: "sipdiag-fixturegen",
            dependencies: ["SIPCapture"],
            path: "scripts/FixtureGenerator"
        ),

        // MARK: - Tests
        .testTarget(
            name: "SIPCaptureTests",
            dependencies: ["SIPCapture"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SIPMessageTests", dependencies: ["SIPMessage"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SIPAnalysisTests",
            dependencies: ["SIPAnalysis", "SIPCapture", "SIPMessage"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SIPDiagnosisTests",
            dependencies: ["SIPDiagnosis", "SIPAnalysis", "SIPCapture", "SIPMessage"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SIPProbeTests", dependencies: ["SIPProbe", "SIPDiagnosis", "SIPCapture"]),
        .testTarget(
            name: "SIPReportTests",
            dependencies: ["SIPReport", "SIPAnalysis", "SIPCapture", "SIPDiagnosis", "SIPMessage"]
        ),
        .testTarget(name: "SIPDiagnosticsTests", dependencies: ["SIPDiagnostics", "VidaTestServer"]),
        .testTarget(
            name: "SIPDiagCLITests",
            dependencies: ["SIPDiagCLI", "SIPCapture", "SIPMessage", "SIPDiagnostics", "VidaTestServer"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "VidaAPITests", dependencies: ["VidaAPI", "VidaTestServer"]),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Settings shared by every target
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
