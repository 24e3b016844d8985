output name {
  value = aws_dynamodb_table.table.name
}

output id {
  value = aws_dynamodb_table.table.id
}

output arn {
  value = aws_dynamodb_table.table.arn
}
