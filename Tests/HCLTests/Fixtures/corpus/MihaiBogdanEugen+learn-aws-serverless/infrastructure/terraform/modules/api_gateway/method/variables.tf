variable rest_api_id {
  type = string
}

variable resource_id {
  type = string
}

variable http_method {
  type = string
}

variable authorization {
  type = string
}