/**
 * A Prompter that answers from a script, for tests and for driving the resolver from a UI. It
 * records every question it was asked; `undefined` in the script means "accept the default".
 */
import type { Prompter, RenderedQuestion } from './types.ts';

export interface ScriptedPrompter extends Prompter {
  readonly asked: RenderedQuestion[];
}

export function createScriptedPrompter(answers: Record<string, unknown>): ScriptedPrompter {
  const asked: RenderedQuestion[] = [];
  return {
    asked,
    ask(question) {
      asked.push(question);
      const answer = Object.prototype.hasOwnProperty.call(answers, question.name) ? answers[question.name] : undefined;
      return Promise.resolve(answer === undefined ? question.default : answer);
    },
  };
}
