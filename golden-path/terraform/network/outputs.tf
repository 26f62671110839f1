output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "Zones holding the subnets, in the order of the subnet lists."
  value       = local.azs
}

output "private_subnet_ids" {
  description = "Private subnets, one per zone: for EKS nodes, pods and internal load balancers."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Public subnets, one per zone: for internet-facing load balancers and NAT gateways."
  value       = aws_subnet.public[*].id
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways, the addresses outbound traffic leaves from (for allow-lists elsewhere)."
  value       = aws_eip.nat[*].public_ip
}
