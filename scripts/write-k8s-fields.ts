// Writes src/deploy/k8s-fields.json: every field each rendered kind may have, read from the
// TypeScript declarations of kubernetes-models and @kubernetes-models/argo-cd (generated from the
// official OpenAPI schemas and CRDs). Their validators accept unknown keys; this map lets Paved
// refuse them (`replicass: 3`). Run by `npm run schemas`; a test fails when it is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** apiVersion/kind → the declaration file and interface of its model. */
const KINDS: Record<string, [string, string]> = {
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IServiceAccount'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/ResourceQuota': ['kubernetes-models/v1/ResourceQuota', 'IResourceQuota'],
  'v1/LimitRange': ['kubernetes-models/v1/LimitRange', 'ILimitRange'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
  'rbac.authorization.k8s.io/v1/RoleBinding': ['kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding', 'IRoleBinding'],
  'argoproj.io/v1alpha1/Application': ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application', 'IApplication'],
  'argoproj.io/v1alpha1/AppProject': ['@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject', 'IAppProject'],
};

/** A field's type: null = a scalar or anything (not checked further), '*' = a map with free keys, else a type name. */
type FieldType = string | null;
const types: Record<string, Record<string, FieldType> | '*'> = {};
const names = new Map<ts.Type, string>();

// The packages' exports hide their .d.ts files from require.resolve: read them from node_modules.
const declarationFile = (module: string) => path.join(root, 'node_modules', `${module}.d.ts`);
const files = Object.values(KINDS).map(([module]) => declarationFile(module));
const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true });
const checker = program.getTypeChecker();

function describe(type: ts.Type): FieldType {
  if (type.isUnion()) {
    const objects = type.types.filter((t) => t.flags & ts.TypeFlags.Object);
    return objects.length === 1 ? describe(objects[0]!) : null;
  }
  if (!(type.flags & ts.TypeFlags.Object)) return null;
  if (checker.isArrayType(type)) return describe(checker.getTypeArguments(type as ts.TypeReference)[0]!);
  if (type.getStringIndexType()) return '*';
  const properties = type.getProperties();
  if (properties.length === 0) return null;
  const known = names.get(type);
  if (known) return known;
  // Distinct types can print alike (two inline object types): keep their names apart.
  let name = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  if (name.length > 80 || types[name]) name = `${name.length > 80 ? 'Anonymous' : name}#${names.size}`;
  names.set(type, name);
  const fields: Record<string, FieldType> = {};
  types[name] = fields;
  for (const property of properties) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) continue;
    fields[property.getName()] = describe(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration)));
  }
  return name;
}

const roots: Record<string, FieldType> = {};
for (const [kind, [module, iface]] of Object.entries(KINDS)) {
  const file = program.getSourceFile(declarationFile(module));
  const symbol = file && checker.getSymbolAtLocation(file)?.exports?.get(ts.escapeLeadingUnderscores(iface));
  if (!symbol) throw new Error(`no ${iface} in ${module}`);
  roots[kind] = describe(checker.getDeclaredTypeOfSymbol(symbol));
}
const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
const text = `${JSON.stringify({ roots, types: sorted }, null, 1)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(path.join(root, 'src/deploy/k8s-fields.json'), text);
  console.log(`wrote src/deploy/k8s-fields.json: ${Object.keys(roots).length} kinds, ${Object.keys(sorted).length} types`);
}
