import type { FlowDefinition } from '../flows/flow-schema.js';
import { groupsOf } from './flow-groups.js';
import type { FlowOutput } from './flow-machine.js';
import type { FlowRuntime } from './flow-runtime.js';
import { inNamespace, translateRef, type Translate } from './translate.js';

/** A choice offered with a message; `value` is what a button sends back. */
export interface OutgoingChoice {
  label: string;
  value: string;
}

/** One message the bot says, ready for any channel. */
export interface OutgoingMessage {
  text: string;
  choices?: OutgoingChoice[];
  /** The question takes a photo (an image step): clients that can send one offer it for this step. */
  upload?: { step: string };
}

/** Renders the machine's outputs in the session's language; the greeting, if asked for, opens the first question. */
export function renderOutputs(
  runtime: FlowRuntime,
  outputs: readonly FlowOutput[],
  translate: Translate,
  options: { greeting?: boolean } = {},
): OutgoingMessage[] {
  const flow = runtime.definition;
  let greeting = options.greeting && flow.greeting ? translate(inNamespace(flow.namespace, flow.greeting)) : null;
  const messages: OutgoingMessage[] = [];
  for (const output of outputs) {
    if (output.type === 'say') {
      messages.push({ text: translateRef(translate, output.message) });
      continue;
    }
    const question = renderQuestion(flow, output, translate);
    if (greeting) {
      question.text = `${greeting} ${question.text}`;
      greeting = null;
    }
    messages.push(question);
  }
  return dropRepeatedQuestions(messages);
}

/** The question for one step as it stands: the pending clarification if there is one, else the prompt. */
export function renderQuestion(
  flow: FlowDefinition,
  ask: Extract<FlowOutput, { type: 'ask' }>,
  translate: Translate,
): OutgoingMessage {
  const question = renderBareQuestion(flow, ask, translate);
  if (!flow.progress) return question;
  const groups = groupsOf(flow);
  const at = groups.findIndex((group) => group.steps.includes(ask.step));
  if (at < 0) return question;
  return { ...question, text: `${translate('common:progress.step', { k: at + 1, n: groups.length })} ${question.text}` };
}

function renderBareQuestion(
  flow: FlowDefinition,
  ask: Extract<FlowOutput, { type: 'ask' }>,
  translate: Translate,
): OutgoingMessage {
  if (ask.pending) {
    const choices = flow.steps.find((s) => s.id === ask.step)?.choices;
    // An option that is one of the step's choices (a known answer offered) is said by its label in this language.
    const labelOf = (value: unknown, label: string) => {
      const choice = choices?.find((c) => c.value === value);
      return choice ? translate(inNamespace(flow.namespace, choice.label)) : label;
    };
    return {
      text: translateRef(translate, ask.pending.question),
      choices: ask.pending.options.map((option, index) => ({ label: labelOf(option.value, option.label), value: String(index + 1) })),
    };
  }
  const step = flow.steps.find((s) => s.id === ask.step);
  if (!step) throw new Error(`flow ${flow.id} has no step ${ask.step}`);
  const yesNo = (): OutgoingChoice[] => [
    { label: translate('common:choices.yes'), value: 'yes' },
    { label: translate('common:choices.no'), value: 'no' },
  ];
  // An entries step asks its fields one by one, then whether to add another entry.
  if (ask.part && 'more' in ask.part) return { text: translate('common:entries.more'), choices: yesNo() };
  const partField = ask.part && 'field' in ask.part ? ask.part.field : null;
  const asked = (partField ? step.fields?.find((f) => f.id === partField) : undefined) ?? step;
  const prompt = translate(inNamespace(flow.namespace, asked.prompt));
  // The step's own prompt introduces its first entry.
  const text = ask.part && 'intro' in ask.part ? `${translate(inNamespace(flow.namespace, step.prompt))} ${prompt}` : prompt;
  if ((asked.type === 'choice' || asked.type === 'multi_choice') && asked.choices) {
    const choices = asked.choices.map((c) => ({ label: translate(inNamespace(flow.namespace, c.label)), value: c.value }));
    return { text, choices };
  }
  if (asked.type === 'yes_no') return { text, choices: yesNo() };
  if (asked.type === 'image') return { text, upload: { step: step.id } };
  return { text };
}

/** A question asked twice in one turn (re-entered states) is said once, at its last place. */
function dropRepeatedQuestions(messages: OutgoingMessage[]): OutgoingMessage[] {
  return messages.filter((message, index) => !messages.slice(index + 1).some((later) => later.text === message.text));
}
