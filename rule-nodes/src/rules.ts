import { Engine, Operator, TopLevelCondition } from 'json-rules-engine';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive: "launch" is in "Launch day!" but not in "relaunched". */
function containsWord(text: unknown, word: unknown): boolean {
  if (typeof text !== 'string' || typeof word !== 'string' || !word.trim()) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escape(word.trim())}(?=$|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** `#launch` (with or without the # in the rule) as a whole hashtag: not `#launches`. */
function containsHashtag(text: unknown, tag: unknown): boolean {
  if (typeof text !== 'string' || typeof tag !== 'string') return false;
  const name = tag.trim().replace(/^#/, '');
  if (!name) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}_#])#${escape(name)}(?=$|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

export const EXTRA_OPERATORS = ['containsWord', 'notContainsWord', 'containsHashtag', 'notContainsHashtag'] as const;

/** An engine for one condition node: the conditions are fixed at deploy, facts are payload fields. */
export function conditionEngine(conditions: TopLevelCondition): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(new Operator('containsWord', containsWord));
  engine.addOperator(new Operator('notContainsWord', (a, b) => !containsWord(a, b)));
  engine.addOperator(new Operator('containsHashtag', containsHashtag));
  engine.addOperator(new Operator('notContainsHashtag', (a, b) => !containsHashtag(a, b)));
  engine.addRule({ conditions, event: { type: 'match' } });
  return engine;
}

/** Whether the payload satisfies the conditions. */
export async function matches(engine: Engine, payload: Record<string, unknown>): Promise<boolean> {
  const { events } = await engine.run({ ...payload });
  return events.length > 0;
}
