data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  tags       = merge(var.tags, { "paved.dev/cluster" = var.cluster_name })

  # Chart versions are pinned here and change only in a release of this module, so every
  # cluster on the same module version runs the same add-ons.
  charts = {
    karpenter = {
      repository = "oci://public.ecr.aws/karpenter"
      chart      = "karpenter"
      version    = "1.3.3"
      namespace  = "karpenter"
    }
    aws_load_balancer_controller = {
      repository = "https://aws.github.io/eks-charts"
      chart      = "aws-load-balancer-controller"
      version    = "1.11.0"
      namespace  = "kube-system"
    }
    external_dns = {
      repository = "https://kubernetes-sigs.github.io/external-dns/"
      chart      = "external-dns"
      version    = "1.15.2"
      namespace  = "external-dns"
    }
    # 0.14 still serves external-secrets.io/v1beta1, the API version paved deploy renders.
    external_secrets = {
      repository = "https://charts.external-secrets.io"
      chart      = "external-secrets"
      version    = "0.14.4"
      namespace  = "external-secrets"
    }
    argocd = {
      repository = "https://argoproj.github.io/argo-helm"
      chart      = "argo-cd"
      version    = "7.8.13"
      namespace  = "argocd"
    }
  }

  # Controllers run on the system node group, never on nodes Karpenter could remove under them.
  system_placement = {
    nodeSelector = { "paved.dev/node-pool" = "system" }
    tolerations  = [{ key = "CriticalAddonsOnly", operator = "Exists" }]
  }
}

data "aws_iam_policy_document" "pod_identity_assume" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}
