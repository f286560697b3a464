import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionMatrixMarkdown } from './permission-matrix';
import { BUILT_IN_ROLES } from './permissions';

describe('the permission matrix', () => {
  it('is documented in backend/README.md exactly as enforced', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(permissionMatrixMarkdown());
  });

  it('gives Owners everything and keeps billing and custom roles to Owners', () => {
    const holders = (p: string) =>
      Object.values(BUILT_IN_ROLES)
        .filter((r) => r.permissions.includes(p as never))
        .map((r) => r.id);
    expect(holders('billing:write')).toEqual(['owner']);
    expect(holders('roles:write')).toEqual(['owner']);
    expect(holders('members:write')).toEqual(['owner', 'admin']);
    expect(BUILT_IN_ROLES.client.permissions).toEqual(['workspace:read', 'posts:read', 'approvals:write']);
  });
});
