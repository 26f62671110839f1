import type { Command } from 'commander';
import type { Run } from '../../run.js';
import { registerTemplateCheck } from './check.js';
import { registerTemplateCopy } from './copy.js';
import { registerTemplateList } from './list.js';
import { registerTemplateRecopy } from './recopy.js';
import { registerTemplateSync } from './sync.js';
import { registerTemplateUpdate } from './update.js';

/** `paved template list | copy | update | recopy | check | sync`. */
export function registerTemplateCommands(program: Command, run: Run): void {
  const template = program.command('template').description('Copier-compatible templates: list, copy, update, recopy, check, sync');
  registerTemplateList(template, run);
  registerTemplateCopy(template, run);
  registerTemplateUpdate(template, run);
  registerTemplateRecopy(template, run);
  registerTemplateCheck(template, run);
  registerTemplateSync(template, run);
}
