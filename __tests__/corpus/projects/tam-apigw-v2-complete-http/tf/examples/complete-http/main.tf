provider "aws" {
  region = local.region
}

locals {
  name   = "ex-${basename(path.cwd)}"
  region = "eu-west-1"

  tags = {
    Example    = local.name
    GithubRepo = "terraform-aws-apigateway-v2"
    GithubOrg  = "terraform-aws-modules"
  }
}

################################################################################
# API Gateway Module
################################################################################

module "api_gateway" {
  source = "../../"

  # API
  body = templatefile("api.yaml", {
    example_function_arn = module.lambda_function.lambda_function_arn
  })

  cors_configuration = {
    allow_headers = ["content-type", "x-amz-date", "authorization", "x-api-key", "x-amz-security-token", "x-amz-user-agent"]
    allow_methods = ["*"]
    allow_origins = ["*"]
  }

  description      = "My awesome HTTP API Gateway"
  fail_on_warnings = false
  name             = local.name

  # Authorizer(s)
  authorizers = {
    cognito = {
      authorizer_type  = "JWT"
      identity_sources = ["$request.header.Authorization"]
      name             = "cognito"
      jwt_configuration = {
        audience = ["d6a38afd-45d6-4874-d1aa-3c5c558aqcc2"]
        issuer   = "https://${aws_cognito_user_pool.this.endpoint}"
      }
    }
  }

  # Domain Name
  domain_name           = var.domain_name
  create_domain_records = true
  create_certificate    = true

  mutual_tls_authentication = {
    truststore_uri     = "s3://${module.s3_bucket.s3_bucket_id}/${aws_s3_object.this.id}"
    truststore_version = aws_s3_object.this.version_id
  }

  # Routes & Integration(s)
  routes = {
    "ANY /" = {
      detailed_metrics_enabled = false

      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
        timeout_milliseconds   = 12000
      }
    }

    "GET /some-route" = {
      authorization_type       = "JWT"
      authorizer_id            = aws_apigatewayv2_authorizer.external.id
      throttling_rate_limit    = 80
      throttling_burst_limit   = 40
      detailed_metrics_enabled = true

      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-authorizer" = {
      authorization_type = "JWT"
      authorizer_key     = "cognito"

      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-authorizer-and-scope" = {
      authorization_type   = "JWT"
      authorizer_key       = "cognito"
      authorization_scopes = ["user.id", "user.email"]

      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-iam" = {
      authorization_type = "AWS_IAM"

      integration = {
        uri = module.lambda_function.lambda_function_arn
      }
    }

    "POST /start-step-function" = {
      integration = {
        type            = "AWS_PROXY"
        subtype         = "StepFunctions-StartExecution"
        credentials_arn = local.step_function_role_arn

        # Note: jsonencode is used to pass argument as a string
        request_parameters = {
          StateMachineArn = local.step_function_state_machine_arn
          Input = jsonencode({
            "key1" : "value1",
            "key2" : "value2"
          })
        }

        payload_format_version = "1.0"
        timeout_milliseconds   = 12000
      }
    }

    "$default" = {
      integration = {
        uri = module.lambda_function.lambda_function_arn
        tls_config = {
          server_name_to_verify = var.domain_name
        }

        response_parameters = [
          {
            status_code = 500
            mappings = {
              "append:header.header1" = "$context.requestId"
              "overwrite:statuscode"  = "403"
            }
          },
          {
            status_code = 404
            mappings = {
              "append:header.error" = "$stageVariables.environmentId"
            }
          }
        ]
      }
    }
  }

  # Stage
  stage_access_log_settings = {
    create_log_group            = true
    log_group_retention_in_days = 7
    format = jsonencode({
      context = {
        domainName              = "$context.domainName"
        integrationErrorMessage = "$context.integrationErrorMessage"
        protocol                = "$context.protocol"
        requestId               = "$context.requestId"
        requestTime             = "$context.requestTime"
        responseLength          = "$context.responseLength"
        routeKey                = "$context.routeKey"
        stage                   = "$context.stage"
        status                  = "$context.status"
        error = {
          message      = "$context.error.message"
          responseType = "$context.error.responseType"
        }
        identity = {
          sourceIP = "$context.identity.sourceIp"
        }
        integration = {
          error             = "$context.integration.error"
          integrationStatus = "$context.integration.integrationStatus"
        }
      }
    })
  }

  stage_default_route_settings = {
    detailed_metrics_enabled = true
    throttling_burst_limit   = 100
    throttling_rate_limit    = 100
  }

  tags = local.tags
}

module "api_gateway_disabled" {
  source = "../../"

  create = false
}

################################################################################
# Supporting Resources
################################################################################

resource "aws_apigatewayv2_authorizer" "external" {
  api_id           = module.api_gateway.api_id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = local.name

  jwt_configuration {
    audience = ["example"]
    issuer   = "https://${aws_cognito_user_pool.this.endpoint}"
  }
}

resource "aws_cognito_user_pool" "this" {
  name = local.name

  tags = local.tags
}

# corpus offline edit: module "step_function" (terraform-aws-modules/step-functions/aws ~> 4.0) replaced by the
# constants below: the provider validates a state machine definition by calling SFN ValidateStateMachineDefinition at
# plan time, which cannot run offline. Its two outputs used by the API become the ARNs it would create (name and role
# name as the module call below sets them). The call, as upstream wrote it, is kept commented out:
locals {
  step_function_role_arn          = "arn:aws:iam::123456789012:role/${local.name}-step-function"
  step_function_state_machine_arn = "arn:aws:states:${local.region}:123456789012:stateMachine:${local.name}"
}

# module "step_function" {
#   source  = "terraform-aws-modules/step-functions/aws"
#   version = "~> 4.0"
#
#   name      = local.name
#   role_name = "${local.name}-step-function"
#   trusted_entities = [
#     "apigateway.amazonaws.com",
#   ]
#
#   attach_policies_for_integrations = true
#   service_integrations = {
#     stepfunction = {
#       stepfunction = ["*"]
#     }
#   }
#
#   definition = <<-EOT
#     {
#       "Comment": "A Hello World example of the Amazon States Language using Pass states",
#       "StartAt": "Hello",
#       "States": {
#         "Hello": {
#           "Type": "Pass",
#           "Result": "Hello",
#           "Next": "World"
#         },
#         "World": {
#           "Type": "Pass",
#           "Result": "World",
#           "End": true
#         }
#       }
#     }
#   EOT
#
#   tags = local.tags
# }

locals {
  package_url = "https://raw.githubusercontent.com/terraform-aws-modules/terraform-aws-lambda/master/examples/fixtures/python-function.zip"
  downloaded  = "downloaded_package_${md5(local.package_url)}.zip"
}

# corpus offline edit: null_resource.download_package (curl of the zip at apply) removed: the null provider is not in
# the mirror and nothing is downloaded offline; the file is absent, so the lambda module leaves source_code_hash null.

module "lambda_function" {
  source = "../../vendor/lambda" # corpus offline edit: was terraform-aws-modules/lambda/aws ~> 7.0, vendored v7.21.1

  function_name = local.name
  description   = "My awesome lambda function"
  handler       = "index.lambda_handler"
  runtime       = "python3.12"
  architectures = ["arm64"]
  publish       = true

  create_package         = false
  local_existing_package = local.downloaded

  cloudwatch_logs_retention_in_days = 7

  allowed_triggers = {
    AllowExecutionFromAPIGateway = {
      service    = "apigateway"
      source_arn = "${module.api_gateway.api_execution_arn}/*/*"
    }
  }

  tags = local.tags
}

################################################################################
# mTLS Supporting Resources
################################################################################

module "s3_bucket" {
  source = "../../vendor/s3-bucket" # corpus offline edit: was terraform-aws-modules/s3-bucket/aws ~> 3.0, vendored v3.15.2

  bucket_prefix = "${local.name}-"

  # NOTE: This is enabled for example usage only, you should not enable this for production workloads
  force_destroy = true

  tags = local.tags
}

resource "aws_s3_object" "this" {
  bucket                 = module.s3_bucket.s3_bucket_id
  key                    = "truststore.pem"
  server_side_encryption = "AES256"
  content                = local.truststore_cert_pem
}

# corpus offline edit: tls_private_key.this and tls_self_signed_cert.this (the mTLS truststore CA, generated at
# apply) replaced by a constant placeholder PEM (local.truststore_cert_pem), and local_file.key / local_file.pem
# (copies of them written to the working directory, no AWS resource) removed: the tls and local providers are not in
# the mirror.
locals {
  truststore_cert_pem = "-----BEGIN CERTIFICATE-----\nMIIBcorpusPlaceholderSelfSignedCAforExampleCom\n-----END CERTIFICATE-----\n"
}
