output id {
  value = aws_api_gateway_resource.resource.id
}

output path {
  value = aws_api_gateway_resource.resource.path
}