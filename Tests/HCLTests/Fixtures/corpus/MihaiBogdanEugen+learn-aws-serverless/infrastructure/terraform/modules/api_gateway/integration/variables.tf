variable rest_api_id {
  type = string
}

variable resource_id {
  type = string
}

variable http_method {
  type = string
}

variable function_invoke_arn {
  type = string
}

variable depends_on_method {
  type = any
}