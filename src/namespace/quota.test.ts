import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import type { K8sObject } from '../deploy/k8s.js';
import { DEFAULT_CONFIG } from '../platform/init.js';
import { renderTeamNamespace } from './render.js';

const BASE = `apiVersion: paved/v1
organisation: acme
clusters:
  - { name: c1, environment: e1, account: "111111111111", region: eu-west-1, apiServer: "https://c1.example", baseDomain: c1.example }
`;

function render(teams: string, environment: string): K8sObject[] {
  return renderTeamNamespace(parseConfig(`${BASE}teams:\n${teams}environments:\n${environment}`), { team: 't', cluster: 'c1' }).objects;
}

const find = (objects: K8sObject[], kind: string): K8sObject | undefined => objects.find((o) => o.kind === kind);

describe('team namespace quota and container defaults', () => {
  it("takes the team's quota over the environment's, as a whole", () => {
    const objects = render('  - name: t\n    quota: { cpu: "40", pods: 400 }\n', '  - name: e1\n    quota: { cpu: "8", memory: 16Gi, pods: 100, services: 20, persistentVolumeClaims: 5 }\n');
    expect(find(objects, 'ResourceQuota')).toMatchObject({
      metadata: { name: 'paved-quota', namespace: 't', annotations: { 'paved.dev/quota-source': 'teams.t.quota' } },
      spec: { hard: { 'requests.cpu': '40', pods: '400' } },
    });
    expect(Object.keys((find(objects, 'ResourceQuota')!.spec as { hard: object }).hard)).toEqual(['requests.cpu', 'pods']);
  });

  it("falls back to the environment's quota and maps every field", () => {
    const objects = render('  - name: t\n', '  - name: e1\n    quota: { cpu: 8, memory: 16Gi, pods: 100, services: 20, persistentVolumeClaims: 5 }\n');
    expect(find(objects, 'ResourceQuota')).toMatchObject({
      metadata: { annotations: { 'paved.dev/quota-source': 'environments.e1.quota' } },
      spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.memory': '16Gi', pods: '100', services: '20', persistentvolumeclaims: '5' } },
    });
  });

  it('renders no ResourceQuota when neither sets one, or one without fields', () => {
    expect(find(render('  - name: t\n', '  - name: e1\n'), 'ResourceQuota')).toBeUndefined();
    expect(find(render('  - name: t\n    quota: {}\n', '  - name: e1\n'), 'ResourceQuota')).toBeUndefined();
  });

  it('gives containers the environment defaults, completed by the platform fallbacks', () => {
    const limits = (environment: string) => (find(render('  - name: t\n', environment), 'LimitRange')!.spec as { limits: unknown[] }).limits;
    expect(limits('  - name: e1\n')).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '512Mi' } }]);
    const dev = parseConfig(DEFAULT_CONFIG);
    expect((find(renderTeamNamespace(dev, { team: 'payments', cluster: 'dev-euw1' }).objects, 'LimitRange')!.spec as { limits: unknown[] }).limits).toEqual([
      { type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '256Mi' } },
    ]);
    // A request above the fallback limit raises the limit; a limit below the fallback request lowers the request.
    expect(limits('  - name: e1\n    defaults: { resources: { requests: { memory: 1Gi } } }\n')).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '1Gi' }, default: { memory: '1Gi' } }]);
    expect(limits('  - name: e1\n    defaults: { resources: { limits: { cpu: 50m, memory: 64Mi } } }\n')).toEqual([{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '50m', memory: '64Mi' } }]);
  });

  it('refuses environment defaults that request more than their limit', () => {
    expect(() => render('  - name: t\n', '  - name: e1\n    defaults: { resources: { requests: { memory: 1Gi }, limits: { memory: 512Mi } } }\n')).toThrow(
      "environment 'e1': defaults.resources.requests.memory (1Gi) is more than defaults.resources.limits.memory (512Mi); a container cannot request more than its limit, so lower the request or raise the limit in paved.yaml",
    );
    expect(() => render('  - name: t\n', '  - name: e1\n    defaults: { resources: { requests: { cpu: "2" }, limits: { cpu: 1500m } } }\n')).toThrow('defaults.resources.requests.cpu (2) is more than defaults.resources.limits.cpu (1500m)');
  });
});
