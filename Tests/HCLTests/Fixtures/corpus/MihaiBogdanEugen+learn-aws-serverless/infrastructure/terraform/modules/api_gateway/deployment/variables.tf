variable rest_api_id {
  type = string
}

variable stage_name {
  type = string
}

variable depends_on_integration_1 {
  type = any
}

variable depends_on_integration_2 {
  type = any
}