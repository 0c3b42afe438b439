output "id" {
  value = aws_dynamodb_table.this.id
}