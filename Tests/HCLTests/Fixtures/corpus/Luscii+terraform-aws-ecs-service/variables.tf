variable "context" {
  type = any
  default = {
    enabled             = true
    namespace           = null
    tenant              = null
    environment         = null
    stage               = null
    name                = null
    delimiter           = null
    attributes          = []
    tags                = {}
    additional_tag_map  = {}
    regex_replace_chars = null
    label_order         = []
    id_length_limit     = null
    label_key_case      = null
    label_value_case    = null
    descriptor_formats  = {}
    # Note: we have to use [] instead of null for unset lists due to
    # https://github.com/hashicorp/terraform/issues/28137
    # which was not fixed until Terraform 1.0.0,
    # but we want the default to be all the labels in `label_order`
    # and we want users to be able to prevent all tag generation
    # by setting `labels_as_tags` to `[]`, so we need
    # a different sentinel to indicate "default"
    labels_as_tags = ["unset"]
  }
  description = <<-EOT
    Single object for setting entire context at once.
    See description of individual variables for details.
    Leave string and numeric variables as `null` to use default value.
    Individual variable settings (non-null) override settings in context object,
    except for attributes, tags, and additional_tag_map, which are merged.
  EOT

  validation {
    condition     = lookup(var.context, "label_key_case", null) == null ? true : contains(["lower", "title", "upper"], var.context["label_key_case"])
    error_message = "Allowed values: `lower`, `title`, `upper`."
  }

  validation {
    condition     = lookup(var.context, "label_value_case", null) == null ? true : contains(["lower", "title", "upper", "none"], var.context["label_value_case"])
    error_message = "Allowed values: `lower`, `title`, `upper`, `none`."
  }
}

variable "name" {
  type        = string
  description = "Name of the ECS service"
}

variable "app_version" {
  type        = string
  description = "Application version to be added as a tag to the task definition"
  default     = null
}

variable "task_cpu" {
  type        = number
  description = "value in cpu units for the task"

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.task_cpu)
    error_message = "Task CPU must be one of 256, 512, 1024, 2048, 4096, 8192, 16384"
  }
}

variable "task_memory" {
  type        = number
  description = "value in MiB for the task"
}

variable "container_definitions" {
  type = list(object({
    name              = string
    image             = string
    pull_cache_prefix = optional(string, "")

    cpu                = optional(number)
    memory             = optional(number)
    memory_reservation = optional(number)

    depends_on = optional(list(object({
      condition     = string
      containerName = string
      }))
    )
    essential = optional(bool, true)

    port_mappings = optional(list(object({
      containerPort = number
      protocol      = optional(string, "tcp")
      name          = optional(string)
    })))

    mount_points = optional(list(object({
      sourceVolume  = string
      containerPath = string
      readOnly      = optional(bool, false)
    })))

    healthcheck = optional(object({
      command     = list(string)
      interval    = optional(number)
      retries     = optional(number)
      startPeriod = optional(number)
      timeout     = optional(number)
    }))
    entrypoint        = optional(list(string))
    command           = optional(list(string))
    working_directory = optional(string)
    environment = optional(list(object({
      name  = string
      value = string
    })))
    secrets = optional(list(object({
      name      = string
      valueFrom = string
    })))
    log_configuration = optional(object({
      logDriver = string
      options   = optional(map(string))
      secretOptions = optional(list(object({
        name      = string
        valueFrom = string
      })))
    }))
    ulimits = optional(list(object({
      hardLimit = number
      name      = string
      softLimit = number
    })))
    user          = optional(string)
    start_timeout = optional(number)
    stop_timeout  = optional(number)
  }))
  description = "List of container definitions, accepts the inputs of the module https://github.com/cloudposse/terraform-aws-ecs-container-definition"
}

variable "volumes" {
  type = map(object({
    # Volume type discriminator. Picks which sub-block is consumed and,
    # for `efs` / `s3files`, shapes the auto-attached task-role IAM
    # policy (see `attach_iam_policy`).
    type = string

    # When true (default), the module computes a least-privilege task
    # role IAM policy from the declared volumes and attaches it inline.
    # No-op for `ephemeral` (no IAM needed) and for `efs` with
    # `authorization_config.iam = false` (no IAM credentials are used
    # for the mount, only POSIX + network). Flip to false to manage IAM
    # yourself; the computed JSON stays available via the
    # `volume_iam_policy_json` output.
    attach_iam_policy = optional(bool, true)

    efs = optional(object({
      file_system_id = string
      root_directory = optional(string)
      # Transit encryption is always ENABLED on the rendered EFS volume
      # — no opt-out. The clinical-data posture of services consuming
      # this module makes plaintext NFS a non-starter. The
      # `transit_encryption_port` field lets you customise the encrypted
      # channel's port if needed.
      transit_encryption_port = optional(number)
      # Set when the backing file system is encrypted with a customer
      # managed KMS key. Used to scope the auto-attached KMS statements;
      # leave null for SSE-S3-equivalent default encryption.
      kms_key_arn = optional(string)
      # Authorization config is always emitted on the rendered EFS
      # volume so the secure-by-default `iam = true` actually applies
      # when the consumer doesn't set the block — hence the `{}`
      # default instead of `null`.
      authorization_config = optional(object({
        access_point_id = optional(string)
        # EFS IAM authorization. Default true is more secure than the
        # AWS provider default — task role identity is required at mount
        # time, beyond network + POSIX. Set false for legacy mounts that
        # rely on security groups + POSIX only.
        iam = optional(bool, true)
      }), {})
    }))

    s3files = optional(object({
      # ARN of the Mountpoint-for-S3 access point. The S3 Files mount
      # uses the access point to scope the bucket prefix the task sees.
      access_point_arn = string
      # ARN of the S3 Files file system (backed by the bucket).
      file_system_arn         = string
      root_directory          = optional(string)
      transit_encryption_port = optional(number)
      kms_key_arn             = optional(string)
    }))
  }))
  default     = {}
  description = "Map of task definition volumes, keyed by volume name. Each entry picks a `type` (`ephemeral`, `efs`, or `s3files`) and provides the matching configuration. Containers reference these volumes by name via `container_definitions[*].mount_points[*].sourceVolume`. See `docs/volumes.md` for guidance on choosing a type and configuring it."

  validation {
    condition = alltrue([
      for v in values(var.volumes) : contains(["ephemeral", "efs", "s3files"], v.type)
    ])
    error_message = "Each volume's `type` must be one of: ephemeral, efs, s3files."
  }

  validation {
    condition = alltrue([
      for v in values(var.volumes) :
      (v.type == "ephemeral" && v.efs == null && v.s3files == null) ||
      (v.type == "efs" && v.efs != null && v.s3files == null) ||
      (v.type == "s3files" && v.s3files != null && v.efs == null)
    ])
    error_message = "Each volume must have a configuration block matching its `type` and only that block. type=ephemeral expects neither efs nor s3files; type=efs expects only the efs block; type=s3files expects only the s3files block."
  }

  validation {
    # ECS rejects task definitions where an EFS access point is configured
    # together with a non-root `root_directory`. The access point already
    # roots the mount itself, and AWS treats any other root_directory as a
    # conflict. Fail at plan time with a useful message instead of letting
    # apply hit the AWS API with a confusing registration error.
    # See https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html
    condition = alltrue([
      for v in values(var.volumes) :
      v.type != "efs" ? true : (
        try(v.efs.authorization_config.access_point_id, null) == null ? true : (
          try(v.efs.root_directory, null) == null || try(v.efs.root_directory, "") == "/"
        )
      )
    ])
    error_message = "When an EFS volume has `authorization_config.access_point_id` set, `root_directory` must be omitted or set to \"/\" — access points root-scope the mount themselves. ECS rejects the task definition at registration otherwise."
  }
}

variable "task_role" {
  type = object({
    name = string
    arn  = string
  })
  description = "IAM Role used as the task role, leave empty to create a new role"
  default     = null
}

variable "execution_role" {
  type = object({
    name = string
    arn  = string
  })
  description = "IAM Role used as the execution role, leave empty to create a new role"
  default     = null
}

variable "iam_role_path" {
  type = object({
    service_prefix = optional(string, "services")
    service_name   = string
  })
  description = "When set, places the module-created task and execution roles at IAM path `/<service_prefix>/<service_name>/` and drops the `namespace` segment from the role name (the path already encodes the parent scope). Resulting name shape: `<environment>-<stage>-<name>-<roletype>`, e.g. `eu-tst-nhs-mesh-execution`. Required by deploy roles that scope `iam:CreateRole` resources by path. When null, roles keep the full cloudposse-label-prefixed names at the default IAM path. Ignored when task_role/execution_role are supplied."
  default     = null
}

variable "iam_role_permissions_boundary" {
  type        = string
  description = "ARN of the IAM permissions boundary attached to the task and execution roles when the module creates them (ignored when task_role/execution_role are supplied). Required by deploy roles that gate iam:CreateRole with an iam:PermissionsBoundary condition."
  default     = null
}

variable "enable_ecs_execute_command" {
  type        = bool
  description = "Enables ECS exec to the service and attaches required IAM policy to task role"
  default     = false
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC in which the service is deployed"
}

variable "ecs_cluster_name" {
  type        = string
  description = "Name of the ECS cluster in which the service is deployed"
}

variable "desired_count" {
  type        = number
  description = "Desired number of tasks that need to be running for the service"
  default     = 1
}

variable "subnets" {
  type        = list(string)
  description = "List of Subnet ids in which the Service runs"
}

variable "assign_public_ip" {
  type        = bool
  description = "Whether the service needs a public ip"
  default     = false
}

variable "high_traffic_service" {
  type        = bool
  description = "Whether the service is a high traffic service: >500 requests/second"
  default     = false

}

variable "service_connect_configuration" {
  type = object({
    namespace      = optional(string)
    discovery_name = optional(string)
    port_name      = optional(string)
    client_alias = optional(object({
      dns_name = string
      port     = number
    }))
    cloudwatch = optional(object({
      log_group = string
      region    = string
    }))
  })
  description = "Service discovery configuration for the service"
  default     = null
}

variable "service_discovery_dns_namespace_ids" {
  type        = list(string)
  description = <<-EOT
    List of AWS Cloud Map private DNS namespace IDs for automatic service discovery registration.
    When provided, the module automatically creates Cloud Map services in these namespaces, enabling
    DNS-based service discovery for non-ECS clients (EC2 instances, Lambda, etc.).

    The service name is derived from service_connect_configuration.client_alias.dns_name.
    The container name and port are automatically mapped from service_connect_configuration.

    This provides an automated alternative to manually configuring service_registries.
    Both approaches can be used simultaneously for different discovery scenarios.

    Example: ["ns-1234567890abcdef", "ns-0987654321fedcba"]
  EOT
  default     = []
}

variable "service_registries" {
  type = object({
    registry_arn   = string
    container_name = optional(string)
    container_port = optional(number)
  })
  description = <<-EOT
    Configuration for registering the service with AWS Cloud Map for DNS-based service discovery.
    This enables traditional DNS queries (A/SRV records) within the VPC, allowing non-ECS clients
    (such as EC2 instances, Lambda functions) to discover service endpoints.
    Can be used alongside service_connect_configuration for hybrid discovery scenarios.

    - registry_arn: ARN of the AWS Cloud Map service registry
    - container_name: (Optional) Container name for SRV records
    - container_port: (Optional) Container port for SRV records
  EOT
  default     = null
}

variable "ingress_rules" {
  type = list(object({
    description = string
    from_port   = number
    to_port     = number
    protocol    = optional(string, "-1")

    cidr_blocks      = optional(list(string))
    ipv6_cidr_blocks = optional(list(string))
    prefix_list_ids  = optional(list(string))
    security_groups  = optional(list(string))
    self             = optional(bool)
  }))
  description = "Ingress rules for the default security group for the service"
  default     = []
}

variable "egress_rules" {
  type = list(object({
    description = string
    from_port   = number
    to_port     = number
    protocol    = optional(string, "-1")

    cidr_blocks      = optional(list(string))
    ipv6_cidr_blocks = optional(list(string))
    prefix_list_ids  = optional(list(string))
    security_groups  = optional(list(string))
    self             = optional(bool)
  }))
  description = "Egress rules for the default security group for the service"
  default     = []
}

variable "security_group_ids" {
  type        = list(string)
  description = "List of additional security groups to attach to the service"
  default     = []
}

variable "platform_version" {
  type        = string
  description = "Platform version for the ECS service"
  default     = "LATEST"
}

variable "force_new_deployment" {
  type        = bool
  description = "Whether to force a new deployment of the service. This can be used to update the service with a new task definition"
  default     = false
}

variable "load_balancers" {
  type = list(object({
    target_group_arn = string
    container_name   = string
    container_port   = number
  }))
  description = "List of load balancers to attach to the service"
  default     = []
}

variable "scaling" {
  type = object({
    min_capacity = number
    max_capacity = number
  })
  description = "Scaling configuration for the service. Enables scaling"
  default     = null
}

variable "scaling_scheduled" {
  type = map(object({
    schedule     = string
    timezone     = string
    min_capacity = number
    max_capacity = number
  }))
  description = "Scheduled scaling policies for the service. Enables Scheduled scaling"
  default     = null
}

variable "scaling_target" {
  type = map(object({
    predefined_metric_type = optional(string)
    customized_metric_specification = optional(object({
      metric_name = string
      namespace   = string
      statistic   = string
      unit        = optional(string)
      dimensions = optional(list(object({
        name  = string
        value = string
      })))
    }))
    resource_label     = optional(string)
    target_value       = number
    scale_in_cooldown  = optional(number, 300)
    scale_out_cooldown = optional(number, 300)
  }))
  description = <<-EOT
    Target tracking scaling policies for the service. Each policy must set exactly one of
    `predefined_metric_type` or `customized_metric_specification`.

    When using `predefined_metric_type`, the allowed values are
    `ECSServiceAverageCPUUtilization`, `ALBRequestCountPerTarget`, and
    `ECSServiceAverageMemoryUtilization`. When `predefined_metric_type` is
    `ALBRequestCountPerTarget`, `resource_label` must also be set.

    AWS documentation:
    - Predefined metrics: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html
    - Customized metrics: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_CustomizedMetricSpecification.html
  EOT
  default     = null

  validation {
    condition     = var.scaling_target == null ? true : alltrue([for policy in var.scaling_target : policy.predefined_metric_type == null ? true : contains(["ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget", "ECSServiceAverageMemoryUtilization"], policy.predefined_metric_type)])
    error_message = "When set, predefined_metric_type must be one of ECSServiceAverageCPUUtilization, ALBRequestCountPerTarget, or ECSServiceAverageMemoryUtilization"
  }

  validation {
    condition = var.scaling_target == null ? true : alltrue([
      for policy in var.scaling_target :
      (
        policy.predefined_metric_type == "ALBRequestCountPerTarget" && policy.resource_label == null ? false : (
          (policy.predefined_metric_type == "ALBRequestCountPerTarget" && can(regex("^app/.+/[[:alnum:]]+/targetgroup/.+/[[:alnum:]]+", policy.resource_label)) || true)
        )
      )
    ])
    error_message = "When predefined metric type is ALBRequestCountPerTarget, resource_label must be set and following the format defined on https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PredefinedMetricSpecification.html"
  }

  validation {
    condition = var.scaling_target == null ? true : alltrue([
      for policy in var.scaling_target : policy.predefined_metric_type != null || policy.customized_metric_specification != null
    ])
    error_message = "Either predefined_metric_type or customized_metric_specification must be set"
  }

  validation {
    condition = var.scaling_target == null ? true : alltrue([
      for policy in var.scaling_target : !(policy.predefined_metric_type != null && policy.customized_metric_specification != null)
    ])
    error_message = "predefined_metric_type and customized_metric_specification cannot be both set"
  }

  validation {
    condition = var.scaling_target == null ? true : alltrue([
      for policy in var.scaling_target :
      policy.customized_metric_specification == null ? true : contains(["Average", "Minimum", "Maximum", "SampleCount", "Sum"], policy.customized_metric_specification.statistic)
    ])
    error_message = "customized_metric_specification.statistic must be one of Average, Minimum, Maximum, SampleCount, or Sum"
  }
}

variable "add_xray_container" {
  type        = bool
  description = "Whether to add the xray daemon container to the task definition"
  default     = true
}

variable "xray_container_image" {
  type        = string
  description = "The xray daemon container image"
  default     = "amazon/aws-xray-daemon:3.x"
}
