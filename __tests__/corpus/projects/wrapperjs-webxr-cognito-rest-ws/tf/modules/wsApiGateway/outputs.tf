output "ws_api_id" {
  value = aws_apigatewayv2_api.this.id
}