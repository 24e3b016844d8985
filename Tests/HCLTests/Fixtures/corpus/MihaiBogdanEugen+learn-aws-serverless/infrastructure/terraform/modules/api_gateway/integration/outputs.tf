output id {
  value = aws_api_gateway_integration.integration.id
}
