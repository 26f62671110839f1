/**
 * Checks for composite action metadata (action.yml). actionlint reads an action's inputs and
 * outputs only when a workflow uses it and never lints its steps, so the metadata is checked here
 * against a strict schema, and its steps can be linted as a job (`compositeAsWorkflow`).
 */
import { parse, stringify } from 'yaml';
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const step = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/).optional(),
    name: z.string().min(1).optional(),
    if: scalar.optional(),
    run: z.string().min(1).optional(),
    shell: z.string().min(1).optional(),
    uses: z.string().min(1).optional(),
    with: z.record(z.string(), scalar).optional(),
    env: z.record(z.string(), scalar).optional(),
    'working-directory': z.string().min(1).optional(),
    'continue-on-error': scalar.optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.run === undefined) === (s.uses === undefined)) ctx.addIssue({ code: 'custom', message: 'a step has either run or uses' });
    // GitHub rejects a composite run step without a shell (workflows have a default; actions do not).
    if (s.run !== undefined && s.shell === undefined) ctx.addIssue({ code: 'custom', path: ['shell'], message: 'a run step in a composite action needs shell' });
    if (s.uses !== undefined && (s.shell !== undefined || s['working-directory'] !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'shell and working-directory apply to run steps only' });
    }
  });

const compositeAction = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  author: z.string().optional(),
  branding: z.strictObject({ icon: z.string().optional(), color: z.string().optional() }).optional(),
  inputs: z
    .record(
      z.string(),
      z.strictObject({
        description: z.string().min(1),
        required: z.boolean().optional(),
        default: z.string().optional(),
        deprecationMessage: z.string().optional(),
      }),
    )
    .optional(),
  outputs: z.record(z.string(), z.strictObject({ description: z.string().min(1), value: z.string().min(1) })).optional(),
  runs: z.strictObject({ using: z.literal('composite'), steps: z.array(step).min(1) }),
});

export type CompositeAction = z.infer<typeof compositeAction>;

function references(text: string, context: 'inputs' | 'steps'): string[] {
  const names = new Set<string>();
  for (const expression of text.match(/\$\{\{[\s\S]*?\}\}/g) ?? []) {
    for (const match of expression.matchAll(new RegExp(`\\b${context}\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g'))) names.add(match[1]!);
  }
  return [...names];
}

/** Problems with one action.yml, each naming its field path; empty when it is a sound composite action. */
export function checkActionMetadata(text: string): string[] {
  const result = compositeAction.safeParse(parse(text));
  if (!result.success) return result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const action = result.data;
  const problems: string[] = [];
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const stepIds = new Set(action.runs.steps.flatMap((s) => (s.id ? [s.id] : [])));
  for (const name of references(text, 'inputs')) if (!inputs.has(name)) problems.push(`inputs.${name} is used but not declared`);
  for (const id of references(text, 'steps')) if (!stepIds.has(id)) problems.push(`steps.${id} is used but no step has that id`);
  action.runs.steps.forEach((s, index) => {
    // Expressions are substituted into the script before the shell parses it: pass them through env.
    if (s.run?.includes('${{')) problems.push(`runs.steps.${index}.run: interpolates \${{ }}; pass the value through env`);
  });
  return problems;
}

/**
 * The action's steps as the one job of a workflow whose workflow_call inputs mirror the action's,
 * so actionlint checks them as it would a job: inputs of known actions, step output references,
 * expression types.
 */
export function compositeAsWorkflow(text: string): string {
  const action = compositeAction.parse(parse(text));
  const inputs = Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, input]) => [name, { description: input.description, type: 'string', required: false }]));
  return stringify({
    on: { workflow_call: { inputs } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
  });
}
