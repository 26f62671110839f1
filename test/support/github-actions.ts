/**
 * What the GitHub Actions tests share: the environment a job gives the CLI, and a fake GitHub's
 * pull request routes that record what the CLI opened and labelled.
 */
import { gh, type FakeGitHub } from '../../src/forge/github/fake-github-server.js';

/** A job's environment as GitHub sets it (no paved.yaml anywhere: PAVED_HOME unset). */
export function actionsEnv(fake: FakeGitHub, repository: string): Record<string, string | undefined> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: 'ghs_job_token',
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_SERVER_URL: fake.origin,
    GITHUB_REPOSITORY: repository,
    PAVED_HOME: undefined,
    NO_COLOR: '1',
  };
}

export interface RecordedPulls {
  opened: Array<{ title: string; head: string; base: string; body: string }>;
  labelled: string[][];
}

/** Answers listing (none yet), opening (as #1) and labelling pull requests of `repository`; `headOf` reads a branch's commit. */
export function recordPullRequests(fake: FakeGitHub, repository: string, headOf: (branch: string) => string): RecordedPulls {
  const recorded: RecordedPulls = { opened: [], labelled: [] };
  fake
    .on(`GET /repos/${repository}/pulls`, { body: [] }, { times: 'many' })
    .on(
      `POST /repos/${repository}/pulls`,
      (r) => {
        const input = r.body as RecordedPulls['opened'][number];
        recorded.opened.push(input);
        const head = { ref: input.head, sha: headOf(input.head), repo: { full_name: repository } };
        return { status: 201, body: gh.pull(1, { title: input.title, body: input.body, head, base: { ref: input.base, sha: headOf(input.base) }, html_url: `${fake.origin}/${repository}/pull/1` }) };
      },
      { times: 'many' },
    )
    .on(
      `PUT /repos/${repository}/issues/1/labels`,
      (r) => {
        const { labels } = r.body as { labels: string[] };
        recorded.labelled.push(labels);
        return { body: labels.map((name) => ({ name, color: 'ededed' })) };
      },
      { times: 'many' },
    );
  return recorded;
}
