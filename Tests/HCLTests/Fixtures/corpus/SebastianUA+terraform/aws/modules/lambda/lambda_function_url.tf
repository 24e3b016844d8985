#---------------------------------------------------
# AWS lambda function url
#---------------------------------------------------

# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url