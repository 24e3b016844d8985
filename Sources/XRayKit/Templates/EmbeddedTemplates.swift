// Generated from templates/*.yaml by TemplateTests (XRAYCTL_RECORD=1 swift test). Do not edit.
enum EmbeddedTemplates {
    static let files: [(name: String, contents: String)] = [
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
    ]
}
