import { describe, expect, it } from 'vitest';
import type { MediaFacts, NetworkId, PostType } from './network-limits';
import { NETWORK_OPTION_FIELDS } from './network-profiles';
import { NETWORK_LIMITS } from './network-registry';
import type { OptionField } from './option-fields';
import { optionViolations } from './variant-options';

const NETWORKS = (Object.keys(NETWORK_OPTION_FIELDS) as NetworkId[]).filter((n) => NETWORK_OPTION_FIELDS[n].length);
const IMAGES: MediaFacts[] = Array.from({ length: 4 }, () => ({ kind: 'image', mimeType: 'image/jpeg', bytes: 1000 }));
/** Options every network checks by shared rules (rule.title, rule.poll, firstComment), not its optionFields. */
const SHARED = ['title', 'pollOptions', 'pollDurationMinutes', 'firstComment'];

type Options = Record<string, unknown>;

function setOption(options: Options, name: string, value: unknown): void {
  const [head, tail] = name.split('.');
  if (!tail) options[head] = value;
  else options[head] = { ...((options[head] as Options | undefined) ?? {}), [tail]: value };
}

function readOption(options: Options, name: string): unknown {
  const [head, tail] = name.split('.');
  return tail ? (options[head] as Options | undefined)?.[tail] : options[head];
}

/** A value the field's input could produce, as the composer would send it. */
function sample(field: OptionField): unknown {
  if (field.placeholder) return field.placeholder;
  const byKind: Record<OptionField['kind'], unknown> = {
    select: field.choices?.[0]?.value ?? 'chosen-id',
    text: 'Sample',
    textarea: 'Sample text',
    boolean: true,
    date: '2030-01-02',
    time: '10:00',
    datetime: '2030-01-02T10:00:00.000Z',
    list: ['one'],
  };
  return byKind[field.kind];
}

const shown = (field: OptionField, options: Options, postType: string) =>
  (!field.postTypes || field.postTypes.includes(postType)) &&
  (!field.when || field.when.values.includes(String(readOption(options, field.when.option) ?? '')));

function postTypeFor(network: NetworkId, field?: OptionField): PostType {
  const types = Object.keys(NETWORK_LIMITS[network].postTypes) as PostType[];
  return (types.find((t) => field?.postTypes?.includes(t)) ?? types[0])!;
}

function violations(network: NetworkId, postType: PostType, options: Options) {
  const limits = NETWORK_LIMITS[network];
  return optionViolations(limits, postType, limits.postTypes[postType]!, options, { text: 'Hello', media: IMAGES });
}

/** Options in which `field` shows: its condition met, every other shown field given a sample. */
function contextFor(network: NetworkId, field: OptionField, postType: string): Options {
  const options: Options = {};
  if (field.when) setOption(options, field.when.option, field.when.values.find(Boolean));
  const fields = NETWORK_OPTION_FIELDS[network];
  for (const other of [...fields.filter((f) => !f.when), ...fields.filter((f) => f.when)])
    if (other !== field && readOption(options, other.name) === undefined && shown(other, options, postType))
      setOption(options, other.name, sample(other));
  return options;
}

const naming = (name: string) => (v: { field: string }) =>
  v.field === `options.${name}` || v.field.startsWith(`options.${name}[`) || v.field.startsWith(`options.${name}.`);

describe.each(NETWORKS)('%s option fields', (network) => {
  const fields = NETWORK_OPTION_FIELDS[network];

  it.each(fields.map((f) => [f.name, f] as const))('%s is an option its rules read and accept', (_name, field) => {
    const postType = postTypeFor(network, field);
    const options = contextFor(network, field, postType);
    setOption(options, field.name, sample(field));
    expect(violations(network, postType, options).filter(naming(field.name))).toEqual([]);
    setOption(options, field.name, 12345);
    expect(violations(network, postType, options).filter(naming(field.name)).length).toBeGreaterThan(0);
  });

  it.each(fields.filter((f) => f.required).map((f) => [f.name, f] as const))(
    'refuses %s when it is left empty',
    (_name, field) => {
      const postType = postTypeFor(network, field);
      const options = contextFor(network, field, postType);
      const required = violations(network, postType, options).filter(naming(field.name));
      expect(required.map((v) => v.message).join()).toMatch(/required/);
    },
  );

  it('has a field for every option its rules require', () => {
    const contexts: Options[] = [
      {},
      ...fields.filter((f) => f.when).map((f) => contextFor(network, f, postTypeFor(network, f))),
    ];
    for (const postType of Object.keys(NETWORK_LIMITS[network].postTypes) as PostType[])
      for (const context of contexts) {
        const options = structuredClone(context);
        // The composer sends a group (an event) whenever one of its required fields shows.
        for (const f of fields)
          if (f.name.includes('.') && f.required && shown(f, options, postType))
            setOption(options, f.name, readOption(options, f.name) ?? '');
        for (const f of fields.filter((x) => x.required))
          if (readOption(options, f.name) === '') setOption(options, f.name, undefined);
        const required = violations(network, postType, options).filter(
          (v) => /^is required/.test(v.message) && !SHARED.some((s) => v.field.startsWith(`options.${s}`)),
        );
        for (const v of required)
          expect(
            fields.find((f) => `options.${f.name}` === v.field && f.required),
            `${v.field} ${v.message}`,
          ).toBeDefined();
      }
  });
});
