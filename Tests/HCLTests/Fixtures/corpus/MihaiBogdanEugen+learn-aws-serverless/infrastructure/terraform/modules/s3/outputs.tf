output name {
  value = aws_s3_bucket.bucket.bucket
}

output id {
  value = aws_s3_bucket.bucket.id
}

output arn {
  value = aws_s3_bucket.bucket.arn
}
