variable "cluster_name" {
  type        = string
  description = "Name of the EKS cluster, as in paved.yaml's clusters[].name."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,37}[a-z0-9]$", var.cluster_name))
    error_message = "cluster_name must be lowercase letters, digits and '-', at most 39 characters (IAM role names are built from it)."
  }
}

variable "environment" {
  type        = string
  description = "The environment the cluster belongs to (dev, staging, prod, ...): tagged on everything, and what ArgoCD selects clusters by."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane and the system node group, e.g. \"1.31\"."
  default     = "1.31"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as \"1.31\"."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC the cluster runs in (the network module's vpc_id)."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the control plane's network interfaces and the system nodes, at least two zones."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must name at least two subnets in different zones."
  }
}

variable "endpoint_public_access" {
  type        = bool
  description = "Whether the Kubernetes API is reachable from outside the VPC (still behind IAM authentication). ArgoCD in another account needs it unless the VPCs are peered."
  default     = true
}

variable "public_access_cidrs" {
  type        = list(string)
  description = "Addresses allowed to reach the public API endpoint, e.g. the NAT addresses of the ArgoCD cluster and the office VPN."
  default     = ["0.0.0.0/0"]
}

variable "system_node_group" {
  type = object({
    instance_types = optional(list(string), ["m6i.large", "m6a.large"])
    min_size       = optional(number, 2)
    max_size       = optional(number, 4)
    desired_size   = optional(number, 2)
    disk_size      = optional(number, 50)
  })
  description = "The managed node group for system pods (CoreDNS, Karpenter, controllers). Workloads run on nodes Karpenter launches."
  default     = {}

  validation {
    condition     = var.system_node_group.min_size >= 1 && var.system_node_group.min_size <= var.system_node_group.desired_size && var.system_node_group.desired_size <= var.system_node_group.max_size
    error_message = "system_node_group needs 1 <= min_size <= desired_size <= max_size."
  }
}

variable "team_access" {
  type = map(object({
    principal_arn     = string
    namespaces        = list(string)
    kubernetes_groups = optional(list(string), [])
  }))
  description = "Per team: the IAM role its people assume, and the namespaces where it gets the AmazonEKSEditPolicy. kubernetes_groups lets the team's RoleBindings (rendered by paved namespace) match it too."
  default     = {}
}

variable "admin_principal_arns" {
  type        = list(string)
  description = "IAM roles that get cluster-admin (the platform team's role). Whoever creates the cluster gets it too."
  default     = []
}

variable "argocd_hub_role_arn" {
  type        = string
  description = "IAM role of the ArgoCD that deploys onto this cluster (possibly in another account). It may assume this cluster's argocd-manager role, which is cluster-admin. Null: no ArgoCD access."
  default     = null

  validation {
    condition     = var.argocd_hub_role_arn == null || can(regex("^arn:[a-z-]+:iam::[0-9]{12}:role/.+$", var.argocd_hub_role_arn))
    error_message = "argocd_hub_role_arn must be an IAM role ARN."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days the control plane's audit and API logs are kept in CloudWatch."
  default     = 90
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
