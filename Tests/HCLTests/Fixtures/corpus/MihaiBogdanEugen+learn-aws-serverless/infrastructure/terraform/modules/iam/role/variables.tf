variable role_name {
  type = string
}

variable assume_role_policy_json {
  type = string
}

variable policy_name {
  type = string
}

variable policy_json {
  type = string
}