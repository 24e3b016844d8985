variable "image" {
  default = "public.ecr.aws/xray/aws-xray-daemon:3.3.12"
}

variable "daemon_cpu" {
  type    = number
  default = 32
}

locals {
  containers = [
    {
      name      = "app"
      image     = "app:1"
      essential = true
      environment = [
        { name = "AWS_XRAY_DAEMON_ADDRESS", value = "xray-daemon:2000" },
      ]
    },
    {
      name         = "xray-daemon"
      image        = var.image
      cpu          = var.daemon_cpu
      essential    = false
      portMappings = [{ containerPort = 2000, protocol = "udp" }]
    },
  ]
  names = [for c in local.containers : c.name]
  ports = flatten(local.containers[*].portMappings)
}

resource "aws_ecs_task_definition" "app" {
  family                   = "orders"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.containers)
}

resource "aws_ecs_service" "app" {
  count           = length(local.names) > 1 ? 1 : 0
  name            = "orders-${count.index}"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
}
