import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from './app-config';

describe('the README configuration table', () => {
  it('lists every variable with its current description', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    for (const [name, description] of Object.entries(CONFIG_VARIABLES)) {
      expect(readme).toContain(`| \`${name}\` | ${description} |`);
    }
  });
});
