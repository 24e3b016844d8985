variable bucket_id {
  type = string
}

variable function_arn {
  type = string
}

variable file_extension {
  type = string
}

variable depends_on_bucket {
  type = any
}

variable depends_on_function {
  type = any
}