terraform {
  required_version = ">= 1.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.32"
    }
    # corpus offline edit: external, local and null providers dropped (only package.tf and the SAM metadata used them)
  }
}
