locals {
  greeting = "Hello, ${var.name}!"
  list     = <<EOT
%{ for item in ["a", "b"] ~}
- ${item}
%{ endfor ~}
EOT
  escaped  = "$${not_interpolated} and %%{ not_a_directive }"
  strip    = "x ${~ "y" ~} z"
  choice   = "%{ if var.name != "" }named%{ else }anonymous%{ endif }"
}

variable "name" {
  default = "world"
}
