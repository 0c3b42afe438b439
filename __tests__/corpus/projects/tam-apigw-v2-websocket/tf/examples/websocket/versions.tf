terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0" # corpus offline edit: was >= 5.96; the mirror has 5.100.0 only
    }
  }
}
