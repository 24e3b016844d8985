public enum XRayKit { public static let version = "0.1.0" }
