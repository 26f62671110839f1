/**
 * Which status checks a repository's default branch can require: the jobs its CI workflow
 * (`.github/workflows/ci.yml`) runs on pull requests. Requiring a check that never reports would
 * block every merge, so only names the workflow is known to produce are returned. A job calling
 * the golden path's reusable Node workflow reports as `<caller job> / <called job's name>`, and
 * the called job's name is `lint, test, build (<working-directory>)` (checks.test.ts holds this
 * to golden-path/workflows/.github/workflows/node-ci.yml).
 */
import { parse } from 'yaml';

export const CI_WORKFLOW = '.github/workflows/ci.yml';
export const NODE_CI_WORKFLOW = /\/\.github\/workflows\/node-ci\.yml@/;
export const nodeCiJobName = (workingDirectory: string) => `lint, test, build (${workingDirectory})`;

type Job = { name?: unknown; uses?: unknown; with?: Record<string, unknown>; strategy?: { matrix?: unknown } };

function runsOnPullRequests(on: unknown): boolean {
  if (on === 'pull_request' || on === 'pull_request_target') return true;
  if (Array.isArray(on)) return on.includes('pull_request') || on.includes('pull_request_target');
  return typeof on === 'object' && on !== null && ('pull_request' in on || 'pull_request_target' in on);
}

/** The check-run names `ci.yml` reports on a pull request, in the workflow's job order; [] when unreadable. */
export function checksFromWorkflow(text: string): string[] {
  let workflow: { on?: unknown; true?: unknown; jobs?: Record<string, Job> } | undefined;
  try {
    workflow = parse(text) as typeof workflow;
  } catch {
    return [];
  }
  // YAML 1.1 readers turn `on:` into true; the yaml package (1.2) keeps it, but both are accepted.
  if (!workflow || typeof workflow !== 'object' || !runsOnPullRequests(workflow.on ?? workflow.true)) return [];
  const checks: string[] = [];
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job || typeof job !== 'object' || job.strategy?.matrix !== undefined) continue;
    const name = typeof job.name === 'string' ? job.name : id;
    if (name.includes('${{')) continue;
    if (typeof job.uses === 'string') {
      if (!NODE_CI_WORKFLOW.test(job.uses)) continue;
      const dir = job.with?.['working-directory'];
      const workingDirectory = typeof dir === 'string' && dir !== '' && !dir.includes('${{') ? dir : '.';
      checks.push(`${name} / ${nodeCiJobName(workingDirectory)}`);
    } else checks.push(name);
  }
  return checks;
}
