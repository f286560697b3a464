// Node-RED's registry reads a `.html` beside each node file to learn its types (the editor is
// off in our runtime, so these carry only the registration and help text). They are written
// from the catalog at build time, so the catalog stays the one description of every node.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { NODE_CATALOG, nodeRedType } = createRequire(import.meta.url)(join(root, 'dist', 'catalog.js'));
const FILES = { trigger: 'triggers', logic: 'logic', action: 'actions' };
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

for (const [category, file] of Object.entries(FILES)) {
  const specs = NODE_CATALOG.filter((s) => s.category === category);
  const html = specs
    .map((s) => {
      const type = nodeRedType(s.type);
      const definition = {
        category: 'SocialOrchestrator',
        defaults: {},
        inputs: s.inputs.length,
        outputs: s.outputs.length,
        label: s.label,
      };
      return [
        `<script type="text/javascript">RED.nodes.registerType(${JSON.stringify(type)}, ${JSON.stringify(definition)});</script>`,
        `<script type="text/html" data-help-name="${type}"><p>${escapeHtml(s.description)}</p></script>`,
      ].join('\n');
    })
    .join('\n');
  writeFileSync(join(root, 'dist', 'nodes', `${file}.html`), `${html}\n`);
}
