variable "domain_name" {
  description = "Custom domain name to use on API Gateway endpoint"
  type        = string
  default     = "terraform-aws-modules.modules.tf"
}
