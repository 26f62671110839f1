/* global document */
/**
 * Create: the templates, and for one a form made from its copier.yml questions. The server
 * renders the questions against the answers so far (POST /api/templates/:name/form): computed
 * defaults, `when` and validators are the engine's own; the browser checks types, choices and
 * required answers before asking, and POST /api/components checks everything again.
 */
import { get, post } from '../api.js';
import { entityPath, facts, h, link, replace } from '../dom.js';

const NAME = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** @param {import('../main.js').Ctx} _ctx */
export async function templatesPage(_ctx) {
  const templates = await get('/templates');
  const node = h('section', null, h('h1', null, 'Create a component'),
    h('p', null, 'Pick a template. Each makes a repository with CI, a deployment, dashboards and alerts, and a catalog entry.'),
    templates.length === 0 ? h('p', null, 'The platform offers no templates yet.') : h('ul', { class: 'cards', id: 'templates' }, templates.map((/** @type {any} */ t) => h('li', { class: 'card' },
      h('h2', null, link(`/create/${encodeURIComponent(t.name)}`, t.name)),
      h('p', null, t.description || 'No description.'),
      h('p', { class: 'help' }, t.latest ? `Latest ${t.latest}` : 'No release yet', ` · ${t.questions.length} questions`),
      t.problem ? h('p', { class: 'error' }, t.problem) : null))));
  return { title: 'Create', node };
}

/**
 * @typedef {{ name: string, type: string, help?: string, placeholder?: string, choices?: Array<{label: string, value: unknown, disabled?: string}>,
 *   default?: unknown, value?: unknown, multiline: boolean, secret: boolean, multiselect: boolean, visible: boolean, fixed: boolean, error?: string }} FormQuestion
 */

/** @param {import('../main.js').Ctx} ctx */
export async function createPage(ctx) {
  const template = ctx.params[0];
  const [teams, first] = await Promise.all([get('/teams'), post(`/templates/${encodeURIComponent(template)}/form`, {})]);
  const mine = ctx.session?.admin ? teams.map((/** @type {any} */ t) => t.name) : (ctx.session?.teams ?? []);
  /** Answers the user gave; the rest take the (computed) defaults. @type {Record<string, unknown>} */
  const touched = {};
  /** @type {Map<string, { row: HTMLElement, input: HTMLElement, error: HTMLElement, question: FormQuestion }>} */
  const fields = new Map();

  const nameInput = h('input', { id: 'c-name', name: 'name', required: true, autocomplete: 'off', spellcheck: 'false', pattern: NAME.source, 'aria-describedby': 'c-name-help c-name-error' });
  const nameError = h('p', { id: 'c-name-error', class: 'field-error' });
  const teamSelect = h('select', { id: 'c-team', name: 'team', required: true, 'aria-describedby': 'c-team-help' },
    teams.map((/** @type {any} */ t) => h('option', { value: t.name, selected: t.name === mine[0] }, t.name)));
  const questions = h('div', { id: 'questions' });
  const steps = h('ol', { id: 'steps', class: 'steps', 'aria-live': 'polite' });
  const result = h('div', { id: 'result' });
  const submit = h('button', { type: 'submit' }, 'Create component');
  const form = h('form', { id: 'create-form', class: 'card', novalidate: true, 'data-template': template },
    h('fieldset', null, h('legend', null, 'Component'),
      h('div', { class: 'field' }, h('label', { for: 'c-name' }, 'Name'), nameInput,
        h('p', { id: 'c-name-help', class: 'help' }, '3-40 lowercase letters, digits or dashes; it names the repository and the Kubernetes objects.'), nameError),
      h('div', { class: 'field' }, h('label', { for: 'c-team' }, 'Team'), teamSelect,
        h('p', { id: 'c-team-help', class: 'help' }, ctx.session?.admin ? 'As an admin you may create for any team.' : 'You may create components for the teams you are a member of.'))),
    h('fieldset', null, h('legend', null, `Questions of ${template}${first.version ? ` ${first.version}` : ''}`), questions),
    submit);

  /** @param {FormQuestion} q */
  function control(q) {
    const id = `q-${q.name}`;
    const common = { id, name: q.name, 'aria-describedby': `${id}-help ${id}-error` };
    const current = q.name in touched ? touched[q.name] : q.value;
    if (q.multiselect && q.choices) {
      const chosen = Array.isArray(current) ? current.map(String) : [];
      return h('fieldset', { id, class: 'choices', 'aria-describedby': `${id}-help ${id}-error` }, h('legend', null, q.name),
        q.choices.map((c, i) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: q.name, value: String(c.value), checked: chosen.includes(String(c.value)), disabled: Boolean(c.disabled), id: `${id}-${i}` }), ` ${c.label}`, c.disabled ? ` (${c.disabled})` : '')));
    }
    if (q.choices) {
      return h('select', common, q.choices.map((c) => h('option', { value: JSON.stringify(c.value), selected: JSON.stringify(c.value) === JSON.stringify(current), disabled: Boolean(c.disabled) }, c.disabled ? `${c.label} (${c.disabled})` : c.label)));
    }
    if (q.type === 'bool') return h('input', { ...common, type: 'checkbox', checked: Boolean(current) });
    if (q.type === 'int' || q.type === 'float') return h('input', { ...common, type: 'number', step: q.type === 'int' ? '1' : 'any', value: current ?? '', inputmode: q.type === 'int' ? 'numeric' : 'decimal' });
    const text = current === undefined ? '' : typeof current === 'string' ? current : JSON.stringify(current);
    if (q.multiline || q.type === 'json' || q.type === 'yaml') return h('textarea', { ...common, rows: 4, placeholder: q.placeholder }, text);
    return h('input', { ...common, type: q.secret ? 'password' : 'text', value: text, placeholder: q.placeholder, autocomplete: q.secret ? 'new-password' : 'off', spellcheck: 'false' });
  }

  /** The typed value of a question's control, or an error in words. @param {FormQuestion} q @param {HTMLElement} input @returns {{ value?: unknown, error?: string }} */
  function read(q, input) {
    if (q.multiselect && q.choices) {
      const values = [...input.querySelectorAll('input:checked')].map((el) => /** @type {HTMLInputElement} */ (el).value);
      return { value: q.choices.filter((c) => values.includes(String(c.value))).map((c) => c.value) };
    }
    const el = /** @type {HTMLInputElement} */ (input);
    if (q.choices) return { value: JSON.parse(el.value) };
    if (q.type === 'bool') return { value: el.checked };
    if (q.type === 'int' || q.type === 'float') {
      if (el.value.trim() === '') return { error: 'an answer is required' };
      const n = Number(el.value);
      if (!Number.isFinite(n) || (q.type === 'int' && !Number.isInteger(n))) return { error: `expected ${q.type === 'int' ? 'a whole number' : 'a number'}` };
      return { value: n };
    }
    if (q.type === 'json') {
      try {
        JSON.parse(el.value);
      } catch {
        return { error: 'expected JSON' };
      }
    }
    return { value: el.value };
  }

  /** Lays out the questions once; later answers from the server only update them. @param {FormQuestion[]} list */
  function build(list) {
    for (const q of list) {
      if (q.fixed) continue;
      const id = `q-${q.name}`;
      const input = control(q);
      const error = h('p', { id: `${id}-error`, class: 'field-error' });
      const label = q.multiselect && q.choices ? null : h('label', { for: id }, q.name, q.secret ? ' (secret)' : '');
      const row = h('div', { class: 'field', 'data-question': q.name }, q.type === 'bool' ? h('div', { class: 'check' }, input, ' ', label) : [label, input],
        h('p', { id: `${id}-help`, class: 'help' }, q.help ?? `${q.type}${q.default !== undefined && !q.secret ? ` · default ${JSON.stringify(q.default)}` : ''}`), error);
      const onChange = () => {
        const read_ = read(q, input);
        if (read_.error === undefined) touched[q.name] = read_.value;
        else delete touched[q.name];
        schedule();
      };
      input.addEventListener('change', onChange);
      input.addEventListener('input', onChange);
      questions.append(row);
      fields.set(q.name, { row, input, error, question: q });
    }
    update(list);
  }

  /** @param {FormQuestion[]} list */
  function update(list) {
    for (const q of list) {
      const field = fields.get(q.name);
      if (!field) continue;
      field.question = q;
      field.row.hidden = !q.visible;
      // A default computed from earlier answers follows them until the user answers this one.
      if (!(q.name in touched) && q.value !== undefined && !(q.multiselect && q.choices)) setControl(q, field.input, q.value);
      showError(field, q.visible ? q.error : undefined);
    }
  }

  /** @param {FormQuestion} q @param {HTMLElement} input @param {unknown} value */
  function setControl(q, input, value) {
    const el = /** @type {HTMLInputElement} */ (input);
    if (document.activeElement === el) return;
    if (q.choices) el.value = JSON.stringify(value);
    else if (q.type === 'bool') el.checked = Boolean(value);
    else el.value = typeof value === 'string' ? value : JSON.stringify(value);
  }

  /** @param {{ input: HTMLElement, error: HTMLElement }} field @param {string | undefined} message */
  function showError(field, message) {
    field.error.textContent = message ?? '';
    if (message) field.input.setAttribute('aria-invalid', 'true');
    else field.input.removeAttribute('aria-invalid');
  }

  let timer = 0;
  let seq = 0;
  /** @type {Promise<void>} */
  let pending = Promise.resolve();
  function schedule() {
    clearTimeout(timer);
    form.dataset.state = 'checking';
    timer = setTimeout(() => { pending = refresh(); }, 150);
  }
  async function refresh() {
    const mine = ++seq;
    try {
      const body = { name: /** @type {HTMLInputElement} */ (nameInput).value.trim(), team: /** @type {HTMLSelectElement} */ (teamSelect).value, data: { ...touched } };
      const rendered = await post(`/templates/${encodeURIComponent(template)}/form`, body);
      if (mine !== seq) return;
      update(rendered.questions);
      form.dataset.state = 'ready';
    } catch (error) {
      if (mine === seq) ctx.alert(error);
    }
  }

  /** Browser-side checks, then the server's validators; the first problem gets focus. */
  function problems() {
    const found = [];
    const name = /** @type {HTMLInputElement} */ (nameInput).value.trim();
    nameError.textContent = NAME.test(name) ? '' : 'use 3-40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash';
    if (nameError.textContent) {
      nameInput.setAttribute('aria-invalid', 'true');
      found.push(nameInput);
    } else nameInput.removeAttribute('aria-invalid');
    for (const field of fields.values()) {
      if (!field.question.visible) continue;
      const local = field.question.name in touched ? undefined : read(field.question, field.input).error;
      const message = local ?? field.question.error;
      showError(field, message);
      if (message) found.push(field.input);
    }
    return found;
  }

  form.addEventListener('input', (event) => {
    if (event.target === nameInput || event.target === teamSelect) schedule();
  });
  teamSelect.addEventListener('change', schedule);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    pending = refresh();
    await pending;
    const bad = problems();
    if (bad.length > 0) {
      ctx.alert(new Error(`${bad.length} answer${bad.length === 1 ? '' : 's'} to fix before creating: see the marked fields`));
      bad[0].focus();
      return;
    }
    ctx.alert(null);
    const name = /** @type {HTMLInputElement} */ (nameInput).value.trim();
    const team = /** @type {HTMLSelectElement} */ (teamSelect).value;
    submit.setAttribute('disabled', '');
    replace(result);
    /** @param {string} text @param {string} state */
    const step = (text, state) => h('li', { 'data-state': state }, h('span', { class: 'visually-hidden' }, `${state}: `), text);
    /** What each step of the server's creation does, in its order (GET /api/creations/:name). */
    const STEP_TEXT = /** @type {Record<string, string>} */ ({
      template: `Rendering ${template} with the answers`,
      repository: `Creating the repository ${name} and pushing its first commit`,
      gitops: 'Writing its deployment to the GitOps repository',
      catalog: 'Registering it in the catalog',
    });
    /** @param {any} creation */
    const showProgress = (creation) => {
      if (!creation || creation.state === 'done') return;
      const at = creation.steps.indexOf(creation.step);
      replace(steps, step('Answers checked', 'done'), creation.steps.map((/** @type {string} */ s, /** @type {number} */ i) => (i <= at ? step(STEP_TEXT[s] ?? s, i < at ? 'done' : 'running') : null)));
    };
    replace(steps, step('Answers checked in the browser and by the template’s validators', 'done'), step(`Starting the creation of ${name} for team ${team}`, 'running'));
    // The creation runs in one request; its journal shows each step as the server reaches it.
    let watching = true;
    const watch = (async () => {
      while (watching) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (!watching) break;
        const creation = await get(`/creations/${encodeURIComponent(name)}`).catch(() => null);
        if (watching) showProgress(creation);
      }
    })();
    try {
      const report = await post('/components', { template, name, team, data: touched }).finally(async () => {
        watching = false;
        await watch;
      });
      replace(steps, step('Answers checked', 'done'), step(`Template ${report.template}${report.version ? ` ${report.version}` : ''} rendered`, 'done'),
        step(`Repository ${report.repo} created with the first commit`, 'done'),
        step(report.deploys ? `GitOps repository: ${report.gitops.length} files written` : 'Nothing to deploy (no deploy.yaml)', 'done'),
        step('Registered in the catalog', 'done'));
      replace(result, h('section', { class: 'card success', 'aria-labelledby': 'made-h' }, h('h2', { id: 'made-h' }, `${report.component} is ready`),
        facts([['Component', link(entityPath(`component:default/${report.component}`), report.component)], ['Repository', link(`/${report.repo}`, report.repo)],
          ['Clone', h('code', null, `git clone ${report.cloneUrl}`)], ['Team', report.team]]),
        report.messages.length ? h('pre', { class: 'messages' }, report.messages.join('\n')) : null));
      /** @type {HTMLElement} */ (result.querySelector('h2')).setAttribute('tabindex', '-1');
      /** @type {HTMLElement} */ (result.querySelector('h2')).focus();
    } catch (error) {
      replace(steps, step('Refused by the server; nothing was created', 'failed'));
      ctx.alert(error);
      const field = /** @type {any} */ (error).details?.field;
      const target = typeof field === 'string' && field.startsWith('data.') ? fields.get(field.slice(5)) : undefined;
      if (target) {
        showError(target, /** @type {Error} */ (error).message.replace(/^data\.[^:]+: /, ''));
        target.input.focus();
      }
    } finally {
      submit.removeAttribute('disabled');
    }
  });

  build(first.questions);
  schedule();
  const node = h('section', null, h('p', { class: 'eyebrow' }, link('/create', 'Templates'), ' / ', template), h('h1', null, `Create from ${template}`),
    first.problem ? h('p', { class: 'error' }, first.problem) : null, form, steps, result);
  return { title: `Create from ${template}`, node };
}
