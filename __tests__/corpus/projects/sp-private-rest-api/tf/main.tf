terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "region" {}
variable "custom_domain_name_prefix" {}
variable "domain_name" {}

# Configure the AWS Provider
provider "aws" {
 profile = "default"
 region  = "${var.region}"
}
 
#Production account
provider "aws" {
 profile = "crossaccount"
 region  = "${var.region}"
 alias   = "crossaccount"
}

# corpus offline edit: data.aws_caller_identity.current (calls AWS; referenced nowhere) replaced by a constant.
locals {
  caller_identity_account_id = "123456789012"
}