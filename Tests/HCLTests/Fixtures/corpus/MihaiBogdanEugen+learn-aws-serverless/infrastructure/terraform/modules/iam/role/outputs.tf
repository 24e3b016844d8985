output name {
  value = aws_iam_role.role.name
}

output id {
  value = aws_iam_role.role.id
}

output arn {
  value = aws_iam_role.role.arn
}

output policy_arn {
  value = aws_iam_policy.policy.arn
}
