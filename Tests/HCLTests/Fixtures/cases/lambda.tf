terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}

variable "function_name" {
  type    = string
  default = "orders-api"
}

variable "sampling_rate" {
  type    = number
  default = 0.05
}

locals {
  tags = {
    Service     = var.function_name
    Tracing     = "xray"
    "team:name" = "payments"
  }
  tracing_mode = var.sampling_rate > 0 ? "Active" : "PassThrough"
}

resource "aws_lambda_function" "api" {
  function_name = var.function_name
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  memory_size   = 512
  timeout       = 30
  publish       = true
  layers        = [aws_lambda_layer_version.otel.arn]

  tracing_config {
    mode = local.tracing_mode
  }

  environment {
    variables = {
      AWS_LAMBDA_EXEC_WRAPPER = "/opt/otel-handler"
      SAMPLING_RATE           = tostring(var.sampling_rate)
    }
  }

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "xray" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
