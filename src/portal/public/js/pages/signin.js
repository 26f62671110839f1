/** Sign in: paste a platform token; it is checked against the API before it is kept. */
import { ApiError, get, token } from '../api.js';
import { h } from '../dom.js';

/** @param {import('../main.js').Ctx} ctx */
export async function signInPage(ctx) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-help' });
  const status = h('p', { role: 'status', id: 'signin-status' });
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('label', { for: 'token' }, 'Platform token'),
    input,
    h('p', { id: 'token-help', class: 'help' },
      '`paved start` prints the file holding the admin token ("admin token: …"); `paved init` writes one for every user of paved.yaml beside it. ',
      'The token is kept in this tab only (sessionStorage) and sent to this server alone.'),
    h('button', { type: 'submit' }, 'Sign in'),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = /** @type {HTMLInputElement} */ (input).value.trim();
    if (!value) {
      ctx.alert(new Error('paste a token first'));
      input.focus();
      return;
    }
    const previous = token.get();
    token.set(value);
    try {
      const session = await get('/session');
      if (!session.login) throw new ApiError(401, 'unauthenticated', 'the token was not accepted');
      await ctx.refreshSession();
      ctx.navigate(ctx.query.get('next') || '/');
    } catch (error) {
      if (previous) token.set(previous);
      else token.clear();
      ctx.alert(error);
      input.focus();
    }
  });
  return { title: 'Sign in', node: h('section', null, h('h1', null, 'Sign in'), form) };
}
