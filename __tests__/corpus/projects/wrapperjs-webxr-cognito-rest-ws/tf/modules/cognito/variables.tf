variable "stage_name" {
  description = "Name of stage"
  type        = string
  default     = null
}

variable "service_name" {
  description = "Name of service"
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Domain name"
  type        = string
  default     = null
}