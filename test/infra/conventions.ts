/**
 * The conventions every shipped Terraform module follows, as code: parsed with the HCL parser
 * Terraform itself uses (compiled to WASM in @cdktf/hcl2json), then checked. Each violation has a
 * stable `rule` so a test can prove each check fails on a planted violation.
 */
import { parse } from '@cdktf/hcl2json';

export type Rule =
  | 'parse'
  | 'variable-type'
  | 'variable-description'
  | 'output-description'
  | 'versions-file'
  | 'required-version'
  | 'provider-pinned'
  | 'provider-undeclared'
  | 'provider-block'
  | 'account-id'
  | 'region';

export interface Violation {
  rule: Rule;
  file: string;
  message: string;
}

/** What hcl2json gives for a file: every block type maps labels to a list of bodies. */
export type HclJson = Record<string, unknown>;
type Bodies = Record<string, Array<Record<string, unknown>>>;

const ACCOUNT_ID = /(?<![\d.])\d{12}(?![\d.])/;
const REGION = /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-\d\b/;
/** `~> 5.80`, `= 1.2.3`, `>= 1.0, < 2.0`: a constraint with an upper bound. */
const PINNED = /~>|^\s*=?\s*\d+\.\d+\.\d+\s*$|</;

export async function parseTf(file: string, text: string): Promise<HclJson> {
  return (await parse(file, text)) as HclJson;
}

const described = (body: Record<string, unknown> | undefined) => typeof body?.description === 'string' && body.description.trim().length > 0;

/** Providers a resource or data source type belongs to: `aws_eks_cluster` → `aws`. */
function providersUsed(json: HclJson): string[] {
  const types = [...Object.keys((json.resource as object | undefined) ?? {}), ...Object.keys((json.data as object | undefined) ?? {})];
  return types.map((t) => t.split('_')[0]!).filter((p) => p !== 'terraform');
}

export interface CheckOptions {
  /** Modules must not name accounts or regions; root modules exist to. */
  kind: 'module' | 'root';
}

/** Every convention violation in one module or root module (file name → text). */
export async function checkTerraform(files: Record<string, string>, options: CheckOptions = { kind: 'module' }): Promise<Violation[]> {
  const violations: Violation[] = [];
  const parsed: Array<[string, HclJson]> = [];
  for (const [file, text] of Object.entries(files).filter(([f]) => f.endsWith('.tf')).sort()) {
    try {
      parsed.push([file, await parseTf(file, text)]);
    } catch (error) {
      violations.push({ rule: 'parse', file, message: (error as Error).message });
    }
    if (options.kind === 'module') {
      const account = ACCOUNT_ID.exec(text);
      if (account) violations.push({ rule: 'account-id', file, message: `hard-coded account id ${account[0]}; take it from data.aws_caller_identity or a variable` });
      const region = REGION.exec(text);
      if (region) violations.push({ rule: 'region', file, message: `hard-coded region ${region[0]}; take it from data.aws_region or the provider` });
    }
  }
  const required = new Map<string, { source?: unknown; version?: unknown }>();
  let requiredVersion = false;
  for (const [file, json] of parsed) {
    for (const [name, [body]] of Object.entries((json.variable as Bodies | undefined) ?? {})) {
      if (!body?.type) violations.push({ rule: 'variable-type', file, message: `variable "${name}" has no type` });
      if (!described(body)) violations.push({ rule: 'variable-description', file, message: `variable "${name}" has no description` });
    }
    for (const [name, [body]] of Object.entries((json.output as Bodies | undefined) ?? {})) {
      if (!described(body)) violations.push({ rule: 'output-description', file, message: `output "${name}" has no description` });
    }
    if (options.kind === 'module' && json.provider) {
      violations.push({ rule: 'provider-block', file, message: `configures provider(s) ${Object.keys(json.provider).join(', ')}; a module receives its providers from the root module` });
    }
    for (const terraform of (json.terraform as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof terraform.required_version === 'string' && PINNED.test(terraform.required_version)) requiredVersion = true;
      for (const block of (terraform.required_providers as Array<Record<string, { source?: unknown; version?: unknown }>> | undefined) ?? []) {
        for (const [name, spec] of Object.entries(block)) required.set(name, spec);
      }
    }
  }
  if (!('versions.tf' in files)) violations.push({ rule: 'versions-file', file: 'versions.tf', message: 'missing: pin terraform and every provider there' });
  if (!requiredVersion) violations.push({ rule: 'required-version', file: 'versions.tf', message: 'terraform { required_version } is missing or has no upper bound' });
  for (const [name, spec] of required) {
    if (typeof spec !== 'object' || typeof spec.source !== 'string' || typeof spec.version !== 'string' || !PINNED.test(spec.version)) {
      violations.push({ rule: 'provider-pinned', file: 'versions.tf', message: `provider "${name}" needs a source and a version constraint with an upper bound (~> X.Y)` });
    }
  }
  const used = new Set(parsed.flatMap(([, json]) => providersUsed(json)));
  for (const provider of [...used].sort()) {
    if (!required.has(provider)) violations.push({ rule: 'provider-undeclared', file: 'versions.tf', message: `resources of provider "${provider}" are used but it is not in required_providers` });
  }
  return violations;
}

/** Variables and outputs of a parsed module, for checking the calls into it. */
export async function moduleInterface(files: Record<string, string>): Promise<{ variables: Map<string, { required: boolean }>; outputs: Set<string>; providers: Set<string> }> {
  const variables = new Map<string, { required: boolean }>();
  const outputs = new Set<string>();
  const providers = new Set<string>();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.tf')) continue;
    const json = await parseTf(file, text);
    for (const [name, [body]] of Object.entries((json.variable as Bodies | undefined) ?? {})) variables.set(name, { required: !(body && 'default' in body) });
    for (const name of Object.keys((json.output as object | undefined) ?? {})) outputs.add(name);
    for (const terraform of (json.terraform as Array<Record<string, unknown>> | undefined) ?? []) {
      for (const block of (terraform.required_providers as Array<Record<string, unknown>> | undefined) ?? []) for (const name of Object.keys(block)) providers.add(name);
    }
  }
  return { variables, outputs, providers };
}
