variable name {
  type = string
}

variable description {
  type = string
}