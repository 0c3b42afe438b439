# corpus offline edit: the provider version constraint (2.65.0, inside the provider block) moved to required_providers
# and pinned to 5.100.0, the mirror's only version.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
}

module "cognito-user-pool-http-api" {
  source = "../" # corpus offline edit: was the registry's voquis/cognito-user-pool-http-api/aws 0.1.0, this repository at tag 0.1.0
  # Required parameters
  cognito_user_pool_name          = "my-pool"
  cognito_user_pool_client_name   = "my-pool-client"
  cognito_user_pool_callback_urls = ["https://127.0.0.1:3000"]
  api_gateway_name                = "my-api-gateway"
  authorizer_name                 = "my-authorizer"
  stage_name                      = "my-stage"
  # optional parameters
  cors_allow_headers              = ["Authorization"]
  cors_allow_methods              = ["GET", "POST", "DELETE", "PUT"]
  cors_allow_origins              = ["https://*"]
  cors_max_age                    = 300
  stage_autodeploy                = true
}

