# Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
# SPDX-License-Identifier: MIT-0

provider "aws" {
  default_tags {
    tags = {
      created-by : "terraform"
      project : var.serverless_application_name
      environment : var.environment
    }
  }
}

# corpus offline edit: backend "s3" {} (configured by the CI pipeline at init) removed: a plan needs an initialised
# backend, and the corpus plans never touch remote state.
terraform {
}
