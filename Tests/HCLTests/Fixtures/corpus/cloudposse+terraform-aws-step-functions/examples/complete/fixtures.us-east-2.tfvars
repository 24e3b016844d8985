region = "us-east-2"

namespace = "eg"

stage = "test"

name = "step-function"

type = "EXPRESS"

tracing_enabled = true
