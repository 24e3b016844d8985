#---------------------------------------------------
# AWS lambda layer version permission
#---------------------------------------------------

# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_layer_version_permission