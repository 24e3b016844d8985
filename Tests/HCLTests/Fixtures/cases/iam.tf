data "aws_iam_policy_document" "xray" {
  statement {
    sid    = "XRayWrite"
    effect = "Allow"
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Logs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:*:log-group:/aws/lambda/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "us-east-1"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name = "orders-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_policy" "inline" {
  name   = "xray-inline"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["xray:*"], "Resource": "*"}
      ]
    }
  POLICY
}
