variable name {
  type = string
}