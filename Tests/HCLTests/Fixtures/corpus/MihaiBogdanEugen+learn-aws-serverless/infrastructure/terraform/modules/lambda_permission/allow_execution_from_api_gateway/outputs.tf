output id {
  value = aws_lambda_permission.lambda_permission.id
}
