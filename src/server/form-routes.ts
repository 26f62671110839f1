/** The create form's questions, rendered against the answers so far (see template-form.ts). */
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { offeredTemplate } from '../platform/templates.js';
import { route } from './route.js';
import { renderForm } from './template-form.js';

export const TemplateFormBody = z.strictObject({
  name: z.string().describe('the component name typed so far').optional(),
  team: z.string().describe('the team chosen so far').optional(),
  data: z.record(z.string(), z.unknown()).describe('answers so far, as POST /api/components takes them').optional(),
});

export const formRoutes = [
  route({
    id: 'renderTemplateForm', method: 'POST', path: '/templates/:name/form', tag: 'templates', access: 'read', body: TemplateFormBody,
    summary: "The template's questions rendered against the answers so far: types, choices, computed defaults, `when`, and each answer's validation error",
    handle: async ({ platform, params, body }) => {
      const found = await offeredTemplate(platform, params.name!);
      if (!found) throw new NotFoundError(`no template '${params.name}'; GET /api/templates lists them`, { template: params.name });
      const { offered } = found;
      const config = found.config ?? { questions: offered.questions };
      const input = { name: body.name ?? '', team: body.team ?? '', organisation: platform.workspace.config.organisation, data: body.data ?? {} };
      return { template: offered.name, version: offered.latest ?? null, problem: offered.problem ?? null, questions: renderForm(offered, config, input) };
    },
  }),
];
