import { BUILT_IN_ROLES, PERMISSIONS, Permission } from './permissions';

/** The built-in roles' permission matrix as a Markdown table (documented in backend/README.md). */
export function permissionMatrixMarkdown(): string {
  const roles = Object.values(BUILT_IN_ROLES);
  const header = `| permission | ${roles.map((r) => r.name).join(' | ')} |`;
  const rule = `| --- | ${roles.map(() => ':-:').join(' | ')} |`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) => `| \`${p}\` ${PERMISSIONS[p]} | ${roles.map((r) => (r.permissions.includes(p) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
