terraform {
  # corpus offline edit: backend "s3" (bucket and key from variables) removed: a plan needs an initialised backend, and
  # the corpus never touches remote state.
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0" # corpus offline edit: was 4.0; the mirror has 5.100.0 only
    }
  }
}

# data "terraform_remote_state" "state" {
#   backend = "s3"
#   config = {
#     bucket     = "${var.state_s3_bucket}"
#     region     = "${var.region}"
#     key        = "${var.state_s3_key}"
#   }
# }


provider "aws" {
  region = var.region
}
