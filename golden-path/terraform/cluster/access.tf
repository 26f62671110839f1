# Who may do what in the cluster, as EKS access entries: each team's role is an editor in its own
# namespaces only; the platform's roles and ArgoCD are cluster admins.

locals {
  edit_policy_arn  = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"
  admin_policy_arn = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
}

resource "aws_eks_access_entry" "team" {
  for_each = var.team_access

  cluster_name      = aws_eks_cluster.this.name
  principal_arn     = each.value.principal_arn
  kubernetes_groups = each.value.kubernetes_groups
  type              = "STANDARD"
  tags              = merge(local.tags, { "paved.dev/team" = each.key })
}

resource "aws_eks_access_policy_association" "team" {
  for_each = var.team_access

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.team[each.key].principal_arn
  policy_arn    = local.edit_policy_arn

  access_scope {
    type       = "namespace"
    namespaces = each.value.namespaces
  }
}

resource "aws_eks_access_entry" "admin" {
  for_each = toset(var.admin_principal_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value
  type          = "STANDARD"
  tags          = local.tags
}

resource "aws_eks_access_policy_association" "admin" {
  for_each = toset(var.admin_principal_arns)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.admin[each.key].principal_arn
  policy_arn    = local.admin_policy_arn

  access_scope {
    type = "cluster"
  }
}

# ArgoCD reaches this cluster by assuming this role (its cluster Secret's awsAuthConfig.roleARN).
# A role of this account, rather than the hub's role itself in an access entry, keeps the grant
# revocable here and lets ArgoCD live in another account.
#
# The hub's account is the principal and its role a condition: IAM refuses a trust policy naming
# a role that does not exist yet, and the hub's role is created by the addons module, possibly
# later or in another root module.
data "aws_iam_policy_document" "argocd_manager_assume" {
  count = var.argocd_hub_role_arn == null ? 0 : 1

  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${split(":", var.argocd_hub_role_arn)[4]}:root"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.argocd_hub_role_arn]
    }
  }
}

resource "aws_iam_role" "argocd_manager" {
  count = var.argocd_hub_role_arn == null ? 0 : 1

  name               = "${var.cluster_name}-argocd-manager"
  assume_role_policy = data.aws_iam_policy_document.argocd_manager_assume[0].json
  tags               = local.tags
}

resource "aws_eks_access_entry" "argocd_manager" {
  count = var.argocd_hub_role_arn == null ? 0 : 1

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.argocd_manager[0].arn
  type          = "STANDARD"
  tags          = local.tags
}

resource "aws_eks_access_policy_association" "argocd_manager" {
  count = var.argocd_hub_role_arn == null ? 0 : 1

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.argocd_manager[0].principal_arn
  policy_arn    = local.admin_policy_arn

  access_scope {
    type = "cluster"
  }
}
