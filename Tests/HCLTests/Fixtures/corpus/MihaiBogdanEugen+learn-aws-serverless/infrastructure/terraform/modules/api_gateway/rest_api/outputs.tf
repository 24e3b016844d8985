output id {
  value = aws_api_gateway_rest_api.rest_api.id
}

output name {
  value = aws_api_gateway_rest_api.rest_api.name
}

output root_resource_id {
  value = aws_api_gateway_rest_api.rest_api.root_resource_id
}

output execution_arn {
  value = aws_api_gateway_rest_api.rest_api.execution_arn
}