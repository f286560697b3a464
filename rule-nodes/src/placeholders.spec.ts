import { describe, expect, it } from 'vitest';
import { resolveConfig, MissingFieldError } from './nodes/backend';
import { fillTemplate, malformedPlaceholders, placeholderFor, placeholdersOf, resolveTemplate } from './placeholders';
import { validateConfig } from './validate';

describe('placeholders', () => {
  it('fills fields, nested paths and list items; objects become JSON', () => {
    const payload = { title: 'Spring', author: { name: 'Maya' }, tags: ['a', 'b'], meta: { n: 1 } };
    expect(resolveTemplate('{{title}} by {{ author.name }} #{{tags.1}} {{meta}}', payload)).toBe(
      'Spring by Maya #b {"n":1}',
    );
  });

  it('names each field the payload lacks, once, and leaves its place empty', () => {
    expect(fillTemplate('{{title}} — read more: {{link}} {{title}}', { headline: 'x', url: 'y' })).toEqual({
      text: ' — read more:  ',
      missing: ['title', 'link'],
    });
  });

  it('uses a default for an absent or null field, never for a present one', () => {
    const text = '{{title | "Untitled"}} {{summary | ""}}/{{n | "0"}}';
    expect(fillTemplate(text, { n: 0, summary: null })).toEqual({ text: 'Untitled /0', missing: [] });
    expect(fillTemplate(text, { title: 'Spring', n: 5 }).text).toBe('Spring /5');
  });

  it('reads escaped quotes and pipes inside a default', () => {
    const [p] = placeholdersOf('{{title | "The \\"best\\" | last"}}');
    expect(p).toEqual({ source: '{{title | "The \\"best\\" | last"}}', path: 'title', fallback: 'The "best" | last' });
    expect(resolveTemplate(p.source, {})).toBe('The "best" | last');
  });

  it('never reaches prototypes', () => {
    expect(fillTemplate('{{constructor}}{{__proto__.x}}', {}).missing).toEqual(['constructor', '__proto__.x']);
  });

  it('writes placeholders the parser reads back', () => {
    const written = placeholderFor('title', 'Say "hi"');
    expect(written).toBe('{{title | "Say \\"hi\\""}}');
    expect(placeholdersOf(written)[0].fallback).toBe('Say "hi"');
    expect(placeholderFor('link')).toBe('{{link}}');
  });

  it('tells malformed placeholders from good ones', () => {
    expect(malformedPlaceholders('{{title | Untitled}} {{ok}} {{a | "b"}} {{}}')).toEqual([
      '{{title | Untitled}}',
      '{{}}',
    ]);
  });

  it('the validator accepts defaults and names a malformed placeholder', () => {
    expect(validateConfig('create-draft', { text: '{{title | "Untitled"}}', accountIds: ['*'] })).toEqual([]);
    expect(validateConfig('create-draft', { text: '{{title | Untitled}}', accountIds: ['*'] })).toEqual([
      { field: 'text', message: 'Text has {{title | Untitled}}, which is not {{field}} or {{field | "default"}}' },
    ]);
  });
});

describe('resolveConfig at run time', () => {
  it('fails the step by its label, naming the setting and the missing fields', () => {
    const run = () =>
      resolveConfig('create-draft', { text: '{{title}} — {{link}}', accountIds: ['*'] }, { headline: 'x' }, 'Announce');
    expect(run).toThrow(MissingFieldError);
    expect(run).toThrow('Step "Announce": Text needs {{title}}, {{link}}, which are not in its input.');
  });

  it('names the step by its type when it has no label, and fills defaults', () => {
    expect(() => resolveConfig('notify', { message: 'New: {{title}}' }, {})).toThrow(
      'Step "Notify team": Message needs {{title}}',
    );
    expect(resolveConfig('notify', { message: 'New: {{title | "a post"}}' }, {}).message).toBe('New: a post');
  });

  it('leaves alone a template field the mode does not use', () => {
    const config = { mode: 'for', minutes: 5, until: '{{publishedAt}}' };
    expect(resolveConfig('delay', config, {})).toMatchObject({ mode: 'for', minutes: 5 });
    expect(() => resolveConfig('delay', { ...config, mode: 'until' }, {})).toThrow('Until needs {{publishedAt}}');
  });
});
