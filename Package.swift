// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "xrayctl",
    // Built and tested on Linux; the macOS minimum is what the code needs (String(validating:as:)).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "xrayctl", targets: ["xrayctl"]),
        .library(name: "XRayKit", targets: ["XRayKit"]),
        .library(name: "HCL", targets: ["HCL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The library in layers the compiler keeps apart (see "Layout" in the README): documents and
        // the model at the bottom; sampling; lint views beside generation; rules over the views;
        // doctor, instrument and reports on top. `XRayKit` re-exports them all for the CLI and users.
        .target(
            name: "XRayCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        .target(name: "XRaySampling", dependencies: ["XRayCore"]),
        .target(name: "XRayViews", dependencies: ["XRayCore", "XRaySampling", "HCL"]),
        .target(name: "XRayGenerate", dependencies: ["XRayCore", "XRaySampling",
                                                    .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "XRayRules", dependencies: ["XRayCore", "XRaySampling", "XRayViews", "XRayGenerate"]),
        .target(
            name: "XRayKit",
            dependencies: [
                "XRayCore", "XRaySampling", "XRayViews", "XRayGenerate", "XRayRules", "CCurl", "CLibXML",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libcurl and libxml2, loaded with dlopen when doctor or audit first needs them instead of
        // linked: every other command starts without the forty libraries they bring in.
        .target(name: "CCurl", dependencies: ["CLoadedLibrary"]),
        .target(name: "CLibXML", dependencies: ["CLoadedLibrary"]),
        // What both share: dlopen, each function looked up by name, and the error when one is missing.
        .target(name: "CLoadedLibrary"),
        // Terraform's HCL native syntax and a static evaluator: Foundation only, no XRayKit.
        .target(name: "HCL"),
        // What the two test targets share: awaiting a child process's exit.
        .target(name: "TestProcesses", path: "Tests/TestProcesses"),
        .testTarget(
            name: "HCLTests",
            dependencies: ["HCL", "TestProcesses"],
            // Sample files and the corpus are data the tests read, not sources.
            exclude: ["Fixtures"]
        ),
        // Stamps the git commit into the library, for `xrayctl --version`.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .executableTarget(
            name: "xrayctl",
            dependencies: [
                "XRayKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "XRayKitTests",
            // xrayctl too: the CLI tests run the binary, so `swift test` must build it first.
            dependencies: ["XRayKit", "XRayCore", "XRaySampling", "XRayViews", "XRayGenerate", "XRayRules", "HCL", "xrayctl", "TestProcesses"],
            // Golden files, fixtures and the Python helpers are data the tests read, not sources.
            exclude: ["Conformance", "Golden", "Fixtures"]
        ),
    ]
)
