# Karpenter launches the nodes workloads run on. Its permissions are scoped by the
# kubernetes.io/cluster/<name> tag it puts on what it creates, so it can only terminate its own
# instances.

data "aws_iam_policy_document" "karpenter" {
  statement {
    sid = "Describe"
    actions = [
      "ec2:DescribeAvailabilityZones",
      "ec2:DescribeImages",
      "ec2:DescribeInstances",
      "ec2:DescribeInstanceTypeOfferings",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplates",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSpotPriceHistory",
      "ec2:DescribeSubnets",
      "pricing:GetProducts",
    ]
    resources = ["*"]
  }

  statement {
    sid = "Launch"
    actions = [
      "ec2:CreateFleet",
      "ec2:CreateLaunchTemplate",
      "ec2:RunInstances",
      "ec2:CreateTags",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "TerminateOwn"
    actions   = ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/kubernetes.io/cluster/${var.cluster_name}"
      values   = ["owned"]
    }
  }

  statement {
    sid       = "NodeImages"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:${local.partition}:ssm:${local.region}::parameter/aws/service/*"]
  }

  statement {
    sid       = "PassNodeRole"
    actions   = ["iam:PassRole"]
    resources = ["arn:${local.partition}:iam::${local.account_id}:role/${var.karpenter_node_role_name}"]
  }

  statement {
    sid = "InstanceProfiles"
    actions = [
      "iam:AddRoleToInstanceProfile",
      "iam:CreateInstanceProfile",
      "iam:DeleteInstanceProfile",
      "iam:GetInstanceProfile",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
    ]
    resources = ["arn:${local.partition}:iam::${local.account_id}:instance-profile/*"]
  }

  statement {
    sid       = "Interruptions"
    actions   = ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"]
    resources = ["arn:${local.partition}:sqs:${local.region}:${local.account_id}:${var.karpenter_interruption_queue_name}"]
  }

  statement {
    sid       = "Cluster"
    actions   = ["eks:DescribeCluster"]
    resources = ["arn:${local.partition}:eks:${local.region}:${local.account_id}:cluster/${var.cluster_name}"]
  }
}

resource "aws_iam_role" "karpenter" {
  name               = "${var.cluster_name}-karpenter"
  assume_role_policy = data.aws_iam_policy_document.pod_identity_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy" "karpenter" {
  name   = "karpenter"
  role   = aws_iam_role.karpenter.id
  policy = data.aws_iam_policy_document.karpenter.json
}

resource "aws_eks_pod_identity_association" "karpenter" {
  cluster_name    = var.cluster_name
  namespace       = local.charts.karpenter.namespace
  service_account = "karpenter"
  role_arn        = aws_iam_role.karpenter.arn
  tags            = local.tags
}

resource "helm_release" "karpenter" {
  name             = "karpenter"
  repository       = local.charts.karpenter.repository
  chart            = local.charts.karpenter.chart
  version          = local.charts.karpenter.version
  namespace        = local.charts.karpenter.namespace
  create_namespace = true
  wait             = true

  values = [yamlencode(merge(local.system_placement, {
    replicas       = 2
    serviceAccount = { name = "karpenter" }
    settings = {
      clusterName       = var.cluster_name
      clusterEndpoint   = var.cluster_endpoint
      interruptionQueue = var.karpenter_interruption_queue_name
    }
  }))]

  depends_on = [aws_eks_pod_identity_association.karpenter]
}

resource "kubectl_manifest" "karpenter_node_class" {
  yaml_body = yamlencode({
    apiVersion = "karpenter.k8s.aws/v1"
    kind       = "EC2NodeClass"
    metadata   = { name = "default" }
    spec = {
      role             = var.karpenter_node_role_name
      amiSelectorTerms = [{ alias = var.karpenter_node_pool.ami_alias }]
      # Private subnets only: the network module tags them for internal load balancers.
      subnetSelectorTerms = [{ tags = {
        "kubernetes.io/cluster/${var.cluster_name}" = "shared"
        "kubernetes.io/role/internal-elb"           = "1"
      } }]
      securityGroupSelectorTerms = [{ tags = { "karpenter.sh/discovery" = var.cluster_name } }]
      metadataOptions            = { httpTokens = "required", httpPutResponseHopLimit = 1 }
      tags                       = local.tags
    }
  })

  depends_on = [helm_release.karpenter]
}

resource "kubectl_manifest" "karpenter_node_pool" {
  yaml_body = yamlencode({
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata   = { name = "default" }
    spec = {
      template = {
        metadata = { labels = { "paved.dev/node-pool" = "workloads" } }
        spec = {
          nodeClassRef = { group = "karpenter.k8s.aws", kind = "EC2NodeClass", name = "default" }
          expireAfter  = "720h"
          requirements = [
            { key = "karpenter.sh/capacity-type", operator = "In", values = var.karpenter_node_pool.capacity_types },
            { key = "karpenter.k8s.aws/instance-category", operator = "In", values = var.karpenter_node_pool.instance_categories },
            { key = "kubernetes.io/arch", operator = "In", values = var.karpenter_node_pool.architectures },
            { key = "karpenter.k8s.aws/instance-generation", operator = "Gt", values = ["5"] },
          ]
        }
      }
      limits     = { cpu = var.karpenter_node_pool.cpu_limit }
      disruption = { consolidationPolicy = "WhenEmptyOrUnderutilized", consolidateAfter = "1m" }
    }
  })

  depends_on = [kubectl_manifest.karpenter_node_class]
}
