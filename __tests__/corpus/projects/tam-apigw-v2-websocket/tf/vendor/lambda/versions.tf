terraform {
  required_version = ">= 0.13.1"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.63"
    }
    # corpus offline edit: external, local and null providers dropped (only package.tf and the SAM metadata used them)
  }
}
