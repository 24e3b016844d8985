output id {
  value = aws_api_gateway_method.method.id
}

output http_method {
  value = aws_api_gateway_method.method.http_method
}