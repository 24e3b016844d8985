// Generated from templates/*.yaml by TemplateTests (XRAYCTL_RECORD=templates swift test). Do not edit.
enum EmbeddedTemplates {
    static let files: [(name: String, contents: String)] = [
        (name: "api-gateway", contents: #"""
# API Gateway: X-Ray tracing on a REST API stage (HTTP APIs cannot be traced), with sampling rules.
version: 1
project: shop
region: us-east-1
account: "123456789012"

sampling:
  default: {reservoir: 1, rate: 0.05}
  rules:
    - name: health
      priority: 10
      reservoir: 0
      rate: 0
      path: /health
      method: GET

services:
  - name: public-api
    platform: api-gateway
    rest_api_id: a1b2c3d4e5
    stage: prod

"""#),
        (name: "ec2", contents: #"""
# EC2 or on-premises hosts: user data that installs the X-Ray daemon under systemd, and an instance role.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: xray-daemon
  buffer_mb: 24

services:
  - name: batch
    platform: ec2
    os: amazon-linux-2023              # amazon-linux-2023 | amazon-linux-2 | ubuntu | debian | rhel
    instance_role: generate            # or an existing role ARN, or none (on premises)
    language: go
    source: ./batch

"""#),
        (name: "ecs-ec2-daemon", contents: #"""
# ECS on EC2: one X-Ray daemon per container instance (a DAEMON service); bridge-mode apps send to the host.
version: 1
project: shop
region: us-east-1
account: "123456789012"
cluster: shop-cluster

agent:
  kind: xray-daemon
  image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
  cpu: 32
  memory_reservation: 256
  buffer_mb: 24

services:
  - name: api
    platform: ecs-ec2-daemon
    network_mode: bridge              # awsvpc tasks cannot reach a per-host daemon: use ecs-ec2-sidecar for them
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 256
    memory_reservation: 512
    port: 8080
    language: node
    source: ./api

  - name: worker
    platform: ecs-ec2-daemon
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-worker:1.0.0
    cpu: 128
    memory_reservation: 256
    language: python
    source: ./worker

"""#),
        (name: "ecs-ec2-sidecar", contents: #"""
# ECS on EC2, bridge mode: the X-Ray daemon runs as a sidecar in each task and the app links to it.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: xray-daemon
  image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
  cpu: 32
  memory_reservation: 256
  buffer_mb: 24

services:
  - name: api
    platform: ecs-ec2-sidecar
    network_mode: bridge              # bridge (links + AWS_XRAY_DAEMON_ADDRESS) or awsvpc (127.0.0.1 works)
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 256
    memory_reservation: 512
    port: 8080
    environment:
      LOG_LEVEL: info
    language: java
    source: ./api

"""#),
        (name: "ecs-ec2-sidecar-cloudwatch-agent", contents: #"""
# ECS on EC2 with the CloudWatch agent as the sidecar, receiving X-Ray segments and OTLP.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: cloudwatch-agent
  image: public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337
  cpu: 64
  memory_reservation: 256

services:
  - name: api
    platform: ecs-ec2-sidecar
    network_mode: awsvpc
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 256
    memory_reservation: 512
    port: 8080

"""#),
        (name: "ecs-fargate", contents: #"""
# ECS on Fargate: the X-Ray daemon runs as a sidecar; xrayctl picks the smallest task size that fits both.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: xray-daemon
  image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
  cpu: 32
  memory_reservation: 256
  buffer_mb: 24

services:
  - name: api
    platform: ecs-fargate
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 224
    memory_reservation: 256
    port: 8080
    # task_cpu: 256                   # optional; must be a valid Fargate pair that fits app + agent
    # task_memory: 512
    language: python
    source: ./api

"""#),
        (name: "ecs-fargate-adot", contents: #"""
# Fargate with the ADOT collector as the sidecar: same X-Ray wiring (2000/udp, 2000/tcp) plus OTLP.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: adot
  image: public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0
  cpu: 128
  memory_reservation: 512

services:
  - name: api
    platform: ecs-fargate
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 384
    memory_reservation: 512
    port: 8080

"""#),
        (name: "ecs-fargate-application-signals", contents: #"""
# Fargate with the CloudWatch agent as the sidecar for CloudWatch Application Signals, sending spans in OTLP form with Transaction Search on.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: cloudwatch-agent
  image: public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337
  cpu: 128
  memory_reservation: 512

application_signals: true

traces:
  export: otlp
  transaction_search: {}

services:
  - name: api
    platform: ecs-fargate
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    language: java                 # the ADOT Java agent is injected through an init container
    cpu: 384
    memory_reservation: 512
    port: 8080

"""#),
        (name: "ecs-fargate-otlp", contents: #"""
# Fargate with the ADOT collector sending OTLP to X-Ray's OTLP endpoint, and Transaction Search turned on (the endpoint needs it).
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: adot
  image: public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0
  cpu: 128
  memory_reservation: 512

traces:
  export: otlp
  transaction_search:
    indexing_percentage: 1

services:
  - name: api
    platform: ecs-fargate
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-api:1.0.0
    cpu: 384
    memory_reservation: 512
    port: 8080

"""#),
        (name: "eks", contents: #"""
# EKS: the X-Ray daemon once per node as a DaemonSet (namespace xray-system), its role through EKS
# Pod Identity, and a patch for the app's Deployment that points its SDK at the daemon's Service.
version: 1
project: shop
region: us-east-1
account: "123456789012"

agent:
  kind: xray-daemon                  # or adot / cloudwatch-agent (same Service, plus OTLP on 4317/4318)
  namespace: xray-system

services:
  - name: api
    platform: eks
    cluster: shop                    # the EKS cluster
    namespace: shop                  # the app's namespace
    deployment: api                  # the app's Deployment (gets eks/api.patch.yaml)
    container: api                   # its container that gets the variables (default: the Deployment's name)
    identity: pod-identity           # or irsa, with oidc_provider: oidc.eks.REGION.amazonaws.com/id/ID
    language: node

"""#),
        (name: "elastic-beanstalk", contents: #"""
# Elastic Beanstalk: turns on the daemon Beanstalk runs on each instance, with a custom log level.
version: 1
project: shop
region: us-east-1
account: "123456789012"

services:
  - name: web
    platform: elastic-beanstalk
    eb_platform: java                  # java | tomcat | node | python | go | dotnet | ruby | php | docker
    instance_profile: aws-elasticbeanstalk-ec2-role   # the default profile already allows X-Ray
    daemon_config:                     # optional: writes /etc/amazon/xray/cfg.yaml
      log_level: warn
    language: java
    source: ./web

"""#),
        (name: "lambda", contents: #"""
# Lambda: active tracing on an existing function, which keeps its role and gains the upload permission.
version: 1
project: shop
region: us-east-1
account: "123456789012"

services:
  - name: orders
    platform: lambda
    function_name: shop-orders
    role: keep                         # keep (default): add the upload permission to the function's current role;
                                       # generate: a new role that REPLACES it; or a role ARN to add the permission to
    language: python
    source: ./orders

"""#),
    ]
}
