variable "root_domain_name" {
  description = "Root domain name"
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Domain name"
  type        = string
  default     = null
}

variable "region" {
  description = "Region"
  type        = string
  default     = null
}