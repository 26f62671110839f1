/**
 * POST /api/components: `paved new` over HTTP, as the token's user. The body is checked before
 * any work starts: its fields by CreateComponentBody, `data` against the chosen template's
 * questions (unknown ones and wrong JSON types); the template's own validators run in the engine,
 * and their refusals are reported on the same `data.<question>` field.
 */
import { Writable } from 'node:stream';
import { z } from 'zod';
import { InputError, isPavedError, NotFoundError } from '../errors.js';
import { assertMayActForTeam } from '../platform/access.js';
import { COMPONENT_NAME, createComponent, NEW_STEPS } from '../platform/new.js';
import { organisationTemplate, templateNames } from '../platform/templates.js';
import type { QuestionSpec } from '../template/config/types.js';
import { route } from './route.js';
import { parseInput } from './validate.js';

export const CreateComponentBody = z.strictObject({
  template: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected the name of a template (GET /api/templates)'),
  name: z.string().regex(COMPONENT_NAME, 'expected 3-40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash'),
  team: z.string().min(1, 'expected a team (GET /api/teams)'),
  data: z.record(z.string(), z.unknown()).describe("answers to the template's questions; the others get their defaults").optional(),
});

/** A JSON type per question type; choices and validators are the engine's to check. */
function answerSchema(question: QuestionSpec): z.ZodType {
  if (question.typeTemplate) return z.unknown();
  switch (question.type) {
    case 'str':
    case 'path':
      return z.string();
    case 'int':
      return z.int();
    case 'float':
      return z.number();
    case 'bool':
      return z.boolean();
    default:
      return z.unknown();
  }
}

function answersSchema(questions: QuestionSpec[]) {
  return z.strictObject(Object.fromEntries(questions.map((q) => [q.name, answerSchema(q).optional()])));
}

/** The engine names the question (`question 'port': 80 is invalid: …`); the API names the field. */
function asDataField(error: unknown, data: Record<string, unknown>): unknown {
  const question = isPavedError(error) && error.code === 'input' ? error.details.question : undefined;
  if (typeof question !== 'string' || !(question in data)) return error;
  const reason = error instanceof Error ? error.message.replace(/^question '[^']*': /, '').replace(/ \(from --data\)$/, '') : '';
  return new InputError(`data.${question}: ${reason}`, { field: `data.${question}`, question }, { cause: error });
}

const discard = new Writable({ write: (_chunk, _encoding, done) => done() });

export const componentRoutes = [
  route({
    id: 'getCreation', method: 'GET', path: '/creations/:name', tag: 'components',
    summary: "Where the creation of a component stands (`paved new` or POST /api/components, from any process): its state and the step it is at, in order, to follow one while it runs",
    handle: async ({ platform, params }) => {
      const row = await platform.store.db.selectFrom('creations').select(['component', 'team', 'template', 'version', 'state', 'step', 'actor', 'startedAt', 'finishedAt']).where('component', '=', params.name!).executeTakeFirst();
      if (!row) throw new NotFoundError(`no creation of '${params.name}' has started; POST /api/components starts one`, { component: params.name });
      return { ...row, steps: NEW_STEPS };
    },
  }),
  route({
    id: 'createComponent', method: 'POST', path: '/components', tag: 'components', status: 201, body: CreateComponentBody,
    summary: "Create a component from a template for a team the caller belongs to (admins: any team): its repository, GitOps files and catalog entry",
    handle: async ({ platform, login, body }) => {
      assertMayActForTeam(platform.workspace.config, login!, body.team, 'create components');
      const resolved = await organisationTemplate(platform, body.template);
      if (!resolved) throw new InputError(`template: no template '${body.template}'; use one of: ${await templateNames(platform)}`, { field: 'template' });
      const template = resolved.offered;
      const data = body.data ?? {};
      // A template whose questions could not be read fails in the engine, with the reason.
      if (!template.problem) parseInput(answersSchema(template.questions), data, { prefix: 'data' });
      const options = { template: template.name, name: body.name, team: body.team, data, defaults: true, actor: login!, output: discard, resolved };
      return createComponent(platform, options).catch((error: unknown) => {
        throw asDataField(error, data);
      });
    },
  }),
];
