# The AWS Load Balancer Controller (Ingress class alb), External DNS and External Secrets, each
# with its own role bound to its service account by Pod Identity.

# --- AWS Load Balancer Controller ---------------------------------------------------------------

data "aws_iam_policy_document" "load_balancer_controller" {
  statement {
    sid = "Describe"
    actions = [
      "ec2:DescribeAccountAttributes",
      "ec2:DescribeAddresses",
      "ec2:DescribeAvailabilityZones",
      "ec2:DescribeCoipPools",
      "ec2:DescribeInstances",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeTags",
      "ec2:DescribeVpcs",
      "ec2:GetCoipPoolUsage",
      "elasticloadbalancing:Describe*",
      "acm:DescribeCertificate",
      "acm:ListCertificates",
      "wafv2:GetWebACL",
      "wafv2:GetWebACLForResource",
      "shield:GetSubscriptionState",
    ]
    resources = ["*"]
  }

  # The first load balancer of an account creates ELB's service-linked role.
  statement {
    sid       = "ServiceLinkedRole"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = ["elasticloadbalancing.amazonaws.com"]
    }
  }

  statement {
    sid = "SecurityGroups"
    actions = [
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:RevokeSecurityGroupIngress",
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:DeleteSecurityGroup",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "ec2:Vpc"
      values   = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc/${var.vpc_id}"]
    }
  }

  statement {
    sid = "LoadBalancers"
    actions = [
      "elasticloadbalancing:AddListenerCertificates",
      "elasticloadbalancing:AddTags",
      "elasticloadbalancing:CreateListener",
      "elasticloadbalancing:CreateLoadBalancer",
      "elasticloadbalancing:CreateRule",
      "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:DeleteListener",
      "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:DeleteRule",
      "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:DeregisterTargets",
      "elasticloadbalancing:ModifyListener",
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:ModifyRule",
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:RemoveListenerCertificates",
      "elasticloadbalancing:RemoveTags",
      "elasticloadbalancing:SetIpAddressType",
      "elasticloadbalancing:SetSecurityGroups",
      "elasticloadbalancing:SetSubnets",
      "elasticloadbalancing:SetWebAcl",
      "wafv2:AssociateWebACL",
      "wafv2:DisassociateWebACL",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "load_balancer_controller" {
  name               = "${var.cluster_name}-aws-load-balancer-controller"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "load_balancer_controller" {
  name   = "aws-load-balancer-controller"
  role   = aws_iam_role.load_balancer_controller.id
  policy = data.aws_iam_policy_document.load_balancer_controller.json
}

resource "aws_eks_pod_identity_association" "load_balancer_controller" {
  cluster_name    = var.cluster_name
  namespace       = local.charts.aws_load_balancer_controller.namespace
  service_account = "aws-load-balancer-controller"
  role_arn        = aws_iam_role.load_balancer_controller.arn
  tags            = local.tags
}

resource "helm_release" "aws_load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  repository = local.charts.aws_load_balancer_controller.repository
  chart      = local.charts.aws_load_balancer_controller.chart
  version    = local.charts.aws_load_balancer_controller.version
  namespace  = local.charts.aws_load_balancer_controller.namespace

  values = [yamlencode(merge(local.system_placement, {
    clusterName    = var.cluster_name
    region         = local.region
    vpcId          = var.vpc_id
    serviceAccount = { name = "aws-load-balancer-controller" }
    ingressClass   = "alb"
  }))]

  depends_on = [aws_eks_pod_identity_association.load_balancer_controller]
}

# --- External DNS -------------------------------------------------------------------------------

data "aws_route53_zone" "managed" {
  for_each = toset(var.domain_filters)

  name         = each.value
  private_zone = false
}

data "aws_iam_policy_document" "external_dns" {
  dynamic "statement" {
    for_each = length(var.domain_filters) > 0 ? [1] : []
    content {
      sid       = "ChangeRecords"
      actions   = ["route53:ChangeResourceRecordSets"]
      resources = [for zone in data.aws_route53_zone.managed : zone.arn]
    }
  }

  statement {
    sid       = "ListZones"
    actions   = ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResource"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "external_dns" {
  name               = "${var.cluster_name}-external-dns"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "external_dns" {
  name   = "external-dns"
  role   = aws_iam_role.external_dns.id
  policy = data.aws_iam_policy_document.external_dns.json
}

resource "aws_eks_pod_identity_association" "external_dns" {
  cluster_name    = var.cluster_name
  namespace       = local.charts.external_dns.namespace
  service_account = "external-dns"
  role_arn        = aws_iam_role.external_dns.arn
  tags            = local.tags
}

resource "helm_release" "external_dns" {
  name             = "external-dns"
  repository       = local.charts.external_dns.repository
  chart            = local.charts.external_dns.chart
  version          = local.charts.external_dns.version
  namespace        = local.charts.external_dns.namespace
  create_namespace = true

  values = [yamlencode(merge(local.system_placement, {
    provider       = { name = "aws" }
    domainFilters  = var.domain_filters
    policy         = var.external_dns_policy
    sources        = ["ingress", "service"]
    registry       = "txt"
    txtOwnerId     = var.cluster_name
    serviceAccount = { name = "external-dns" }
    env            = [{ name = "AWS_DEFAULT_REGION", value = local.region }]
  }))]

  depends_on = [aws_eks_pod_identity_association.external_dns]
}

# --- External Secrets ---------------------------------------------------------------------------

data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid       = "SecretsManager"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"]
    resources = ["arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:${var.secrets_prefix}*"]
  }

  statement {
    sid       = "ParameterStore"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    resources = ["arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${var.secrets_prefix}*"]
  }
}

resource "aws_iam_role" "external_secrets" {
  name               = "${var.cluster_name}-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "external-secrets"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.external_secrets.json
}

resource "aws_eks_pod_identity_association" "external_secrets" {
  cluster_name    = var.cluster_name
  namespace       = local.charts.external_secrets.namespace
  service_account = "external-secrets"
  role_arn        = aws_iam_role.external_secrets.arn
  tags            = local.tags
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  repository       = local.charts.external_secrets.repository
  chart            = local.charts.external_secrets.chart
  version          = local.charts.external_secrets.version
  namespace        = local.charts.external_secrets.namespace
  create_namespace = true
  wait             = true

  values = [yamlencode(merge(local.system_placement, {
    installCRDs    = true
    serviceAccount = { name = "external-secrets" }
    webhook        = local.system_placement
    certController = local.system_placement
  }))]

  depends_on = [aws_eks_pod_identity_association.external_secrets]
}

# The store every ExternalSecret paved deploy renders points at (SECRET_STORE in
# src/deploy/workload.ts): keep the name in step with it.
resource "kubectl_manifest" "cluster_secret_store" {
  yaml_body = yamlencode({
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ClusterSecretStore"
    metadata   = { name = "aws-secrets-manager" }
    spec = {
      provider = {
        aws = {
          service = "SecretsManager"
          region  = local.region
        }
      }
    }
  })

  depends_on = [helm_release.external_secrets]
}
