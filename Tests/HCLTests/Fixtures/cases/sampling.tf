variable "rules" {
  type = map(object({
    priority = number
    rate     = number
  }))
  default = {
    health = { priority = 1, rate = 0 }
    orders = { priority = 100, rate = 0.05 }
  }
}

resource "aws_xray_sampling_rule" "rule" {
  for_each       = var.rules
  rule_name      = each.key
  priority       = each.value.priority
  fixed_rate     = each.value.rate
  reservoir_size = 1
  service_name   = "*"
  service_type   = "*"
  host           = "*"
  http_method    = "*"
  url_path       = each.key == "health" ? "/health" : "*"
  resource_arn   = "*"
  version        = 1
}

resource "aws_xray_group" "errors" {
  group_name        = "errors"
  filter_expression = "fault = true OR error = true"

  insights_configuration {
    insights_enabled      = true
    notifications_enabled = false
  }
}

output "rule_names" {
  value = { for name, rule in var.rules : name => rule.priority if rule.rate > 0 }
}
