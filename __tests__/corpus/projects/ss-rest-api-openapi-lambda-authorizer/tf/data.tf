# Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
# SPDX-License-Identifier: MIT-0

# corpus offline edit: data.aws_caller_identity.current (calls AWS) replaced by a constant account id.
locals {
  caller_identity_account_id = "123456789012"
}
data "aws_region" "current" {}
data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    effect = "Allow"

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    actions = ["sts:AssumeRole"]
  }
}

data "aws_iam_policy_document" "lambda_role_policy_document" {
  statement {
    sid = "lambdarolepolicydocument"

    actions = [
      "dynamodb:GetItem",
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:BatchGetItem",
      "dynamodb:DescribeTable",
      "dynamodb:ConditionCheckItem"
    ]

    resources = [
      "${aws_dynamodb_table.locations_table.arn}",
      "${aws_dynamodb_table.locations_table.arn}/index/*",
      "${aws_dynamodb_table.resources_table.arn}",
      "${aws_dynamodb_table.resources_table.arn}/index/*",
      "${aws_dynamodb_table.bookings_table.arn}",
      "${aws_dynamodb_table.bookings_table.arn}/index/*"
    ]
  }
}


data "aws_iam_policy_document" "api_assume_role" {
  statement {
    effect = "Allow"

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }

    actions = ["sts:AssumeRole"]
  }
}

data "aws_iam_policy_document" "lambda_authorizer_role_policy_document" {
  statement {
    sid = "lambdaauthorizerrolepolicydocument"

    actions = [
      "lambda:InvokeFunction"
    ]

    resources = [
      "${module.lambda_functions["authorizer"].lambda_function_arn}"
    ]
  }
}

# corpus offline edit: data.aws_iam_policy.api_cloudwatch_logging (calls IAM GetPolicy) replaced by its ARN, the only
# attribute used.
locals {
  api_cloudwatch_logging_policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

# corpus offline edit: data.aws_cloudformation_stack.cognito_stack (calls CloudFormation; the Cognito user pool is
# deployed by a separate CloudFormation stack, var.cognito_stack_name) replaced by constant outputs in the shape the
# stack returns.
locals {
  cognito_stack_outputs = {
    UserPool               = "us-east-1_CorpusPool"
    UserPoolClient         = "corpusexampleclientid0000000"
    UserPoolAdminGroupName = "apiAdmins"
  }
}
