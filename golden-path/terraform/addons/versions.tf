# Module version: v1.0.0 (release-please keeps this line current).
terraform {
  required_version = ">= 1.5.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
    # Applies custom resources (Karpenter's NodePool, External Secrets' store) without needing
    # their CRDs at plan time, which hashicorp/kubernetes' kubernetes_manifest does.
    kubectl = {
      source  = "alekc/kubectl"
      version = "~> 2.1"
    }
  }
}
