variable rest_api_id {
  type = string
}

variable parent_id {
  type = string
}

variable path_part {
  type = string
}

