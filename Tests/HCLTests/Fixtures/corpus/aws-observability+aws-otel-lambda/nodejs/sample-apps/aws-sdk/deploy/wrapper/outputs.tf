output "api-gateway-url" {
  value = module.app.api-gateway-url
}
