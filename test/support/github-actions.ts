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
  /** Marks pull request `number` merged as `commit`, as GitHub does when someone merges it. */
  merge(number: number, commit: string): void;
}

/**
 * Pull requests of `repository` as GitHub keeps them: listed by state, opened (numbered from 1),
 * updated, labelled and commented on; `headOf` reads a branch's commit.
 */
export function recordPullRequests(fake: FakeGitHub, repository: string, headOf: (branch: string) => string): RecordedPulls {
  const pulls: Array<Record<string, unknown> & { number: number; state: string; labels: Array<{ name: string }> }> = [];
  const recorded: RecordedPulls = {
    opened: [],
    labelled: [],
    merge: (number, commit) => Object.assign(pulls.find((p) => p.number === number)!, { state: 'closed', merged_at: '2026-01-02T10:00:00Z', merge_commit_sha: commit }),
  };
  const find = (number: string | undefined) => pulls.find((p) => p.number === Number(number));
  fake
    .on(
      `GET /repos/${repository}/pulls`,
      (r) => {
        const state = r.query.get('state') ?? 'open';
        const head = r.query.get('head');
        return { body: pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${repository.split('/')[0]}:${(p.head as { ref: string }).ref}` === head)) };
      },
      { times: 'many' },
    )
    .on(
      `POST /repos/${repository}/pulls`,
      (r) => {
        const input = r.body as RecordedPulls['opened'][number];
        recorded.opened.push(input);
        const head = { ref: input.head, sha: headOf(input.head), repo: { full_name: repository } };
        const pull = gh.pull(pulls.length + 1, { title: input.title, body: input.body, head, base: { ref: input.base, sha: headOf(input.base) }, html_url: `${fake.origin}/${repository}/pull/${pulls.length + 1}`, merge_commit_sha: null });
        pulls.push(pull);
        return { status: 201, body: pull };
      },
      { times: 'many' },
    )
    .on(`GET /repos/${repository}/pulls/:number`, (r) => (find(r.params.number) ? { body: find(r.params.number) } : { status: 404, body: { message: 'Not Found' } }), { times: 'many' })
    .on(
      `PATCH /repos/${repository}/pulls/:number`,
      (r) => {
        const pull = find(r.params.number);
        return pull ? { body: Object.assign(pull, r.body as object) } : { status: 404, body: { message: 'Not Found' } };
      },
      { times: 'many' },
    )
    .on(
      `PUT /repos/${repository}/issues/:number/labels`,
      (r) => {
        const { labels } = r.body as { labels: string[] };
        recorded.labelled.push(labels);
        const pull = find(r.params.number);
        if (pull) pull.labels = labels.map((name) => ({ name }));
        return { body: labels.map((name) => ({ name, color: 'ededed' })) };
      },
      { times: 'many' },
    )
    .on(`POST /repos/${repository}/issues/:number/comments`, (r) => ({ status: 201, body: { id: 1, body: (r.body as { body: string }).body, user: { login: 'github-actions[bot]' }, created_at: '2026-01-02T10:00:00Z' } }), { times: 'many' });
  return recorded;
}
