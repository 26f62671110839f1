variable "cluster_name" {
  type        = string
  description = "Name of the EKS cluster (the cluster module's cluster_name output, so the add-ons wait for the cluster)."
}

variable "cluster_endpoint" {
  type        = string
  description = "API server URL of the cluster (the cluster module's endpoint output); Karpenter's nodes join through it."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster, for the AWS Load Balancer Controller."
}

variable "karpenter_node_role_name" {
  type        = string
  description = "IAM role of the nodes Karpenter launches (the cluster module's karpenter_node_role_name)."
}

variable "karpenter_interruption_queue_name" {
  type        = string
  description = "SQS queue of EC2 interruption events (the cluster module's karpenter_interruption_queue_name)."
}

variable "karpenter_node_pool" {
  type = object({
    capacity_types      = optional(list(string), ["spot", "on-demand"])
    instance_categories = optional(list(string), ["c", "m", "r"])
    architectures       = optional(list(string), ["amd64"])
    cpu_limit           = optional(number, 200)
    ami_alias           = optional(string, "al2023@v20250212")
  })
  description = "The default NodePool for workloads: what Karpenter may launch and up to how many vCPUs in total. ami_alias is pinned so node images change only with a module release."
  default     = {}
}

variable "domain_filters" {
  type        = list(string)
  description = "DNS zones External DNS manages records in (the clusters' baseDomain). Each must be a Route 53 hosted zone of this account."
  default     = []
}

variable "external_dns_policy" {
  type        = string
  description = "upsert-only (never deletes records) or sync (deletes records whose Ingress is gone)."
  default     = "upsert-only"

  validation {
    condition     = contains(["upsert-only", "sync"], var.external_dns_policy)
    error_message = "external_dns_policy must be upsert-only or sync."
  }
}

variable "secrets_prefix" {
  type        = string
  description = "Only Secrets Manager secrets and SSM parameters whose names start with this prefix are readable through External Secrets."
  default     = "paved/"
}

variable "argocd" {
  type = object({
    enabled           = optional(bool, false)
    manager_role_arns = optional(list(string), [])
  })
  description = "Install ArgoCD here (the hub that deploys to every cluster). manager_role_arns: the clusters' argocd-manager roles it may assume."
  default     = {}
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every AWS resource."
  default     = {}
}
