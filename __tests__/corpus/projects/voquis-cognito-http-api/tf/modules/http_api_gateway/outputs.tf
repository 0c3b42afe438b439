output "apigatewayv2_api" {
  value = aws_apigatewayv2_api.this
}

output "apigatewayv2_authorizer" {
  value = aws_apigatewayv2_authorizer.this
}

