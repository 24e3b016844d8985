variable aws_region {
  default = "eu-central-1"
}

variable aws_account_id {
  default = "xxxxxxxxxxxx"
}

variable code_version {
  default = "python"
}