/** Snippets every fixture template uses, written as Copier's own docs write them. */
export const ANSWERS_TEMPLATE = {
  '{{ _copier_conf.answers_file }}.jinja': '# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n{{ _copier_answers|to_nice_yaml -}}\n',
};

export const quiet = { output: { write: () => true } as unknown as NodeJS.WritableStream };
