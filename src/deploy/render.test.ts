import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { validateObjects, type K8sObject } from './k8s.js';
import { fileContent, renderComponent, renderComponents } from './render.js';
import { parseDeploySpec } from './spec.js';

const config = parseConfig(DEFAULT_CONFIG);
const GITOPS = 'http://127.0.0.1:7070/acme/gitops.git';
const GOLDEN = path.join(import.meta.dirname, '__golden__');

const ORDERS = `apiVersion: paved/v1
kind: Deploy
team: payments
image: { repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api }
ports: [{ name: http, port: 8080 }]
env: { LOG_LEVEL: info, FEATURE_X: "on" }
secrets:
  - { env: DB_PASSWORD, key: payments/orders-api/db, property: password }
resources: { requests: { cpu: 250m } }
probes: { liveness: { path: /health/live }, readiness: { path: /health/ready } }
ingress: { public: true }
serviceAccount: { iamRole: "arn:aws:iam::333333333333:role/orders-api" }
environments:
  prod:
    autoscaling: { minReplicas: 3, maxReplicas: 12, targetCPUUtilization: 60 }
    env: { LOG_LEVEL: warn }
    resources: { limits: { memory: 1Gi } }
overlays:
  - target: { kind: Deployment }
    environments: [prod]
    patch:
      - { op: add, path: /spec/template/spec/priorityClassName, value: high-priority }
  - target: { kind: Service }
    merge: { metadata: { annotations: { team.acme.example/owner: payments } } }
`;

function render(text = ORDERS, version = '1.4.2') {
  return renderComponent(config, { spec: parseDeploySpec(text), component: 'orders-api', version }, { gitopsRepoUrl: GITOPS });
}

function objectsIn(files: ReturnType<typeof render>, pathPart: string): K8sObject[] {
  return files.find((f) => f.path.includes(pathPart))!.objects;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read deep into rendered objects of many shapes
type Loose = Record<string, any>;

function find(objects: K8sObject[], kind: string): Loose {
  return objects.find((o) => o.kind === kind) as Loose;
}

describe('deploy rendering', () => {
  it('matches the golden files (PAVED_UPDATE_GOLDEN=1 rewrites them; review the diff)', () => {
    const files = render();
    expect(files.map((f) => f.path)).toEqual([
      'clusters/dev-euw1/apps/payments/orders-api/manifests.yaml',
      'argocd/applications/dev-euw1/orders-api.yaml',
      'clusters/staging-euw1/apps/payments/orders-api/manifests.yaml',
      'argocd/applications/staging-euw1/orders-api.yaml',
      'clusters/prod-euw1/apps/payments/orders-api/manifests.yaml',
      'argocd/applications/prod-euw1/orders-api.yaml',
      'clusters/prod-use1/apps/payments/orders-api/manifests.yaml',
      'argocd/applications/prod-use1/orders-api.yaml',
    ]);
    for (const file of files.filter((f) => /dev-euw1|prod-use1/.test(f.path))) {
      const golden = path.join(GOLDEN, file.path.replaceAll('/', '__'));
      if (process.env.PAVED_UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, fileContent(file));
      }
      expect(fileContent(file), `${file.path} differs from ${golden}`).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('renders objects every one of which passes the Kubernetes and ArgoCD schemas', () => {
    const files = render();
    const all = files.flatMap((f) => f.objects);
    expect(new Set(all.map((o) => o.kind))).toEqual(
      new Set(['ServiceAccount', 'ConfigMap', 'ExternalSecret', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Ingress', 'NetworkPolicy', 'Application']),
    );
    expect(validateObjects(all)).toEqual([]);
  });

  it('applies precedence: platform default < spec < environment section < overlay', () => {
    const files = render();
    const dev = find(objectsIn(files, 'dev-euw1/apps'), 'Deployment');
    const prod = find(objectsIn(files, 'prod-euw1/apps'), 'Deployment');
    // dev: replicas from the platform's dev default (1); limits.memory from dev defaults; cpu request from the spec.
    expect(dev.spec.replicas).toBe(1);
    expect(dev.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    // prod: autoscaling from the prod section (no fixed replicas), its memory limit, and the prod-only overlay.
    expect(prod.spec.replicas).toBeUndefined();
    expect(prod.spec.template.spec.containers[0].resources.limits).toEqual({ memory: '1Gi' });
    expect(prod.spec.template.spec.priorityClassName).toBe('high-priority');
    expect(dev.spec.template.spec.priorityClassName).toBeUndefined();
    expect(find(objectsIn(files, 'prod-euw1/apps'), 'ConfigMap').data).toEqual({ FEATURE_X: 'on', LOG_LEVEL: 'warn' });
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'ConfigMap').data.LOG_LEVEL).toBe('info');
    expect(find(objectsIn(files, 'prod-euw1/apps'), 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'PodDisruptionBudget')).toBeUndefined();
    expect(find(objectsIn(files, 'staging-euw1/apps'), 'PodDisruptionBudget')).toBeDefined();
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'Service').metadata.annotations).toEqual({ 'team.acme.example/owner': 'payments' });
    // prod's sync policy comes from paved.yaml: no pruning there.
    expect(find(objectsIn(files, 'argocd/applications/prod-euw1'), 'Application').spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
  });

  it('uses the cluster for hosts and the image tag from the version unless pinned', () => {
    const files = render();
    expect(find(objectsIn(files, 'prod-use1/apps'), 'Ingress').spec.rules[0].host).toBe('orders-api.acme.example');
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'Ingress').metadata.annotations['alb.ingress.kubernetes.io/scheme']).toBe('internet-facing');
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'Deployment').spec.template.spec.containers[0].image).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:1.4.2');
  });

  it('never writes a secret value: only references to the secret store', () => {
    const files = render();
    const text = files.map(fileContent).join('\n');
    expect(text).toContain('payments/orders-api/db');
    expect(find(objectsIn(files, 'dev-euw1/apps'), 'Deployment').spec.template.spec.containers[0].env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-api-secrets', key: 'DB_PASSWORD' } } },
    ]);
    expect(files.flatMap((f) => f.objects).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('quotes strings that YAML 1.1 (what Kubernetes reads) would turn into booleans', () => {
    const manifest = fileContent(render().find((f) => f.path.includes('dev-euw1/apps'))!);
    expect(manifest).toContain('FEATURE_X: "on"');
  });

  it('renders byte-identical output for the same input', () => {
    expect(render().map(fileContent)).toEqual(render().map(fileContent));
  });

  it('points an Application at a team chart instead of rendered manifests', () => {
    const files = render(`${ORDERS.split('overlays:')[0]}chart: { repoURL: https://charts.acme.example, chart: orders, version: 2.3.1, values: { replicas: 2 } }\n`);
    expect(files.some((f) => f.path.endsWith('manifests.yaml'))).toBe(false);
    const app = find(objectsIn(files, 'argocd/applications/dev-euw1'), 'Application');
    expect(app.spec.source).toEqual({ repoURL: 'https://charts.acme.example', targetRevision: '2.3.1', chart: 'orders', helm: { releaseName: 'orders-api', values: 'replicas: 2\n' } });
  });

  it.each([
    [ORDERS.replace('team: payments', 'team: nobody'), "deploy.yaml: team: 'nobody' is not a team of the platform; use one of: payments, platform"],
    [ORDERS.replace('  prod:\n', '  production:\n'), 'deploy.yaml: environments.production: not an environment of the platform; use one of: dev, staging, prod'],
    [ORDERS.replace('value: high-priority', 'value: 7'), /overlays|priorityClassName/],
    [ORDERS.replace('target: { kind: Deployment }', 'target: { kind: CronJob }'), 'deploy.yaml: overlays[0]: no rendered CronJob to patch'],
    [ORDERS.replace('path: /spec/template/spec/priorityClassName', 'path: /spec/replicass'), 'Deployment payments/orders-api: spec.replicass: unknown field; check the spelling'],
    [ORDERS.replace('merge: { metadata: { annotations:', 'merge: { metadata: { anotations:'), 'Service payments/orders-api: metadata.anotations: unknown field'],
  ])('refuses a bad spec with the field named, rendering nothing (%#)', (text, message) => {
    expect(() => render(text)).toThrow(message);
  });

  it('refuses two components that would write the same files', () => {
    const spec = parseDeploySpec(ORDERS);
    expect(() =>
      renderComponents(config, [{ spec, component: 'orders-api', version: '1', file: 'a/deploy.yaml' }, { spec, component: 'orders-api', version: '1', file: 'b/deploy.yaml' }], { gitopsRepoUrl: GITOPS }),
    ).toThrow('b/deploy.yaml and a/deploy.yaml both render');
  });
});

describe('deploy.yaml', () => {
  it.each([
    ['replicas: 3x', 'deploy.yaml: environments.prod.replicas: expected an integer, got \'3x\''],
    ['replicass: 3', "deploy.yaml: environments.prod: unknown key 'replicass'; remove or check the spelling"],
  ])('points at the field: %s', (line, message) => {
    const text = ORDERS.replace('    autoscaling: { minReplicas: 3, maxReplicas: 12, targetCPUUtilization: 60 }', `    ${line}`);
    expect(() => parseDeploySpec(text)).toThrow(message);
  });
});
