// One import for the command-line tool and for users of the library: every layer, re-exported.
@_exported import XRayCore
@_exported import XRayGenerate
@_exported import XRayRules
@_exported import XRaySampling
@_exported import XRayViews
