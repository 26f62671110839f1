/**
 * A team namespace's network policies: everything is denied, then exactly this is allowed.
 *
 *   paved-default-deny          every pod: no ingress, no egress unless another policy allows it
 *   paved-allow-same-namespace  ingress from and egress to pods of the same namespace
 *   paved-allow-ingress         ingress, on any port, from pods in namespaces labelled
 *                               `paved.dev/ingress: "true"` (where the platform runs an in-cluster
 *                               ingress controller or gateway; the platform labels those namespaces)
 *   paved-allow-dns             egress to CoreDNS (`k8s-app: kube-dns` in kube-system), UDP and TCP 53
 *   paved-allow-https-egress    egress to any address on TCP 443: public APIs, and AWS APIs which
 *                               may sit behind VPC endpoints on private addresses (STS for IRSA,
 *                               ECR, Secrets Manager), so private ranges are not excluded. Other
 *                               teams' pods stay protected by their own default deny.
 *
 * Not allowed: ingress from other team namespaces, egress to other ports (databases, caches and
 * the like need a policy the platform adds on purpose), and traffic from outside the cluster that
 * does not pass through a labelled namespace. The AWS Load Balancer Controller in IP mode sends
 * traffic from the load balancer's VPC addresses straight to pods, which a namespace selector
 * cannot match: such clusters need an ipBlock for the VPC (not known to paved.yaml yet).
 */
import type { K8sObject } from '../deploy/k8s.js';

export const INGRESS_NAMESPACE_LABEL = 'paved.dev/ingress';

type Rule = Record<string, unknown>;

function policy(name: string, namespace: string, labels: Record<string, string>, spec: { policyTypes: Array<'Ingress' | 'Egress'>; ingress?: Rule[]; egress?: Rule[] }): K8sObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace, labels }, spec: { podSelector: {}, ...spec } };
}

export function renderNetworkPolicies(namespace: string, labels: Record<string, string>): K8sObject[] {
  const sameNamespace = [{ podSelector: {} }];
  return [
    policy('paved-default-deny', namespace, labels, { policyTypes: ['Ingress', 'Egress'] }),
    policy('paved-allow-same-namespace', namespace, labels, { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: sameNamespace }], egress: [{ to: sameNamespace }] }),
    policy('paved-allow-ingress', namespace, labels, { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { [INGRESS_NAMESPACE_LABEL]: 'true' } } }] }] }),
    policy('paved-allow-dns', namespace, labels, {
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    policy('paved-allow-https-egress', namespace, labels, {
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    }),
  ];
}
