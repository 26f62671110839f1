variable "name" {
  type        = string
  description = "Name of the VPC and prefix of everything in it: <organisation>-<account>-<region> when rendered by paved infra render."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,62}$", var.name))
    error_message = "name must be lowercase letters, digits and '-', at most 63 characters."
  }
}

variable "cidr_block" {
  type        = string
  description = "IPv4 CIDR of the VPC, /16 to /20. Must not overlap another account's or region's VPC, so they can be peered later."

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "cidr_block must be an IPv4 CIDR between /16 and /20."
  }
}

variable "az_count" {
  type        = number
  description = "How many availability zones get a public and a private subnet (2 or 3)."
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for all zones (cheaper, for non-production) instead of one per zone (survives a zone outage)."
  default     = false
}

variable "cluster_names" {
  type        = list(string)
  description = "EKS clusters that will run in this VPC: their subnets get the kubernetes.io/cluster/<name> tag that load balancers and Karpenter select subnets by."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
