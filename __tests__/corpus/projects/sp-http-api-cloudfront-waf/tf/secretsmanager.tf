# Secret store for CloudFront header
resource "aws_secretsmanager_secret" "cf_api_header_secret_store" {
  name = var.cloudfront_api_secret_name
  description = "CloudFront secret"
}

# Secret value for CloudFront header
resource "aws_secretsmanager_secret_version" "cf_api_header_secret_value" {
  secret_id     = aws_secretsmanager_secret.cf_api_header_secret_store.id
  secret_string = local.random_id_secret_random_value_hex
}

# Random value for CloudFront header
# corpus offline edit: random_id.secret_random_value replaced by a constant (upstream: 32 random bytes, unknown until apply).
locals {
  random_id_secret_random_value_hex = "00000000000000000000000000000000offline0placeholder000000000000"
}

# Secret rotation
resource "aws_secretsmanager_secret_rotation" "cf_api_header_secret_store_rotation" {
  secret_id           = aws_secretsmanager_secret.cf_api_header_secret_store.id
  rotation_lambda_arn = aws_lambda_function.secret_rotation_lambda.arn

  rotation_rules {
    automatically_after_days = 30
  }
}