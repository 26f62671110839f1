# ArgoCD on the hub cluster only. Its controller and server assume each cluster's argocd-manager
# role (the cluster module creates one per cluster, in that cluster's account); the cluster
# Secrets that paved infra render writes name those roles.

locals {
  argocd_service_accounts = var.argocd.enabled ? toset(["argocd-application-controller", "argocd-applicationset-controller", "argocd-server"]) : toset([])
}

data "aws_iam_policy_document" "argocd" {
  count = var.argocd.enabled && length(var.argocd.manager_role_arns) > 0 ? 1 : 0

  statement {
    sid       = "AssumeClusterManagers"
    actions   = ["sts:AssumeRole", "sts:TagSession"]
    resources = var.argocd.manager_role_arns
  }
}

resource "aws_iam_role" "argocd" {
  count = var.argocd.enabled ? 1 : 0

  name               = "${var.cluster_name}-argocd-controller"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "argocd" {
  count = var.argocd.enabled && length(var.argocd.manager_role_arns) > 0 ? 1 : 0

  name   = "assume-cluster-managers"
  role   = aws_iam_role.argocd[0].id
  policy = data.aws_iam_policy_document.argocd[0].json
}

resource "aws_eks_pod_identity_association" "argocd" {
  for_each = local.argocd_service_accounts

  cluster_name    = var.cluster_name
  namespace       = local.charts.argocd.namespace
  service_account = each.value
  role_arn        = aws_iam_role.argocd[0].arn
  tags            = local.tags
}

resource "helm_release" "argocd" {
  count = var.argocd.enabled ? 1 : 0

  name             = "argocd"
  repository       = local.charts.argocd.repository
  chart            = local.charts.argocd.chart
  version          = local.charts.argocd.version
  namespace        = local.charts.argocd.namespace
  create_namespace = true
  wait             = true

  values = [yamlencode({
    global = local.system_placement
    configs = {
      params = { "server.insecure" = false }
      cm     = { "application.resourceTrackingMethod" = "annotation" }
    }
    controller = { replicas = 1 }
    server     = { replicas = 2 }
    repoServer = { replicas = 2 }
  })]

  depends_on = [aws_eks_pod_identity_association.argocd]
}
