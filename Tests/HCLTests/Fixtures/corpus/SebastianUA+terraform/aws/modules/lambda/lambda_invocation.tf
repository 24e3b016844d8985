#---------------------------------------------------
# AWS lambda invocation
#---------------------------------------------------

# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_invocation