/** Answering a template's questions: the resolver, answer casting, `--data` parsing and prompters. */
export { resolveAnswers } from './resolve.ts';
export { castAnswer, castToBool, parseYamlList, type CastTarget } from './cast.ts';
export { parseDataArgument } from './data-arg.ts';
export { createScriptedPrompter, type ScriptedPrompter } from './scripted-prompter.ts';
export { UNSET } from './render-question.ts';
export type { AnswerSource, Choice, Prompter, RenderedQuestion, ResolveAnswersInput, ResolvedAnswers } from './types.ts';
export { createTerminalPrompter, type TerminalPrompter, type TerminalPrompterOptions } from './terminal-prompter.ts';
