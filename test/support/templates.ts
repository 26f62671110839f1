import { Writable } from 'node:stream';

/** Snippets every fixture template uses, written as Copier's own docs write them. */
export const ANSWERS_TEMPLATE = {
  '{{ _copier_conf.answers_file }}.jinja': '# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n{{ _copier_answers|to_nice_yaml -}}\n',
};

/** Swallows task and message output so test logs stay readable. */
export const quiet = { output: new Writable({ write: (_chunk, _encoding, done) => done() }) };
