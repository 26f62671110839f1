import type { JinjaContext } from './jinja/types.js';
import type { PreparedVersion } from './prepare.js';

/** Renders one of the template's `_message_*` settings, shows it on `output` and keeps it for the result. */
export function showMessage(
  prepared: PreparedVersion,
  setting: 'messageBeforeCopy' | 'messageAfterCopy' | 'messageBeforeUpdate' | 'messageAfterUpdate',
  context: JinjaContext,
  sink: { messages: string[]; output: NodeJS.WritableStream },
): void {
  const template = prepared.config.settings[setting];
  if (!template) return;
  const name = `copier.yml: _${setting.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  const text = prepared.renderer.render(template, context, name).trim();
  if (!text) return;
  sink.messages.push(text);
  sink.output.write(`${text}\n`);
}
