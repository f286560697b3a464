import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.angular/**',
      'data/**',
      'coverage/**',
      '.test-results/**',
      'web/e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Plain words: one date format in the workspace's zone, and SVG icons rather than glyphs.
  {
    files: ['web/src/**/*.ts'],
    ignores: ['web/src/app/shared/format.ts', 'web/src/app/shared/zone-time.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@angular/common',
              importNames: ['DatePipe', 'formatDate'],
              message:
                "Dates go through shared/format.ts (the when pipe or formatWhen): one format, in the workspace's zone.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message:
            "Dates go through shared/format.ts (the when pipe or formatWhen): one format, in the workspace's zone.",
        },
        {
          selector: 'CallExpression[callee.property.name=/^(toFormat|toLocaleDateString|toLocaleTimeString)$/]',
          message:
            "Dates go through shared/format.ts (the when pipe or formatWhen): one format, in the workspace's zone.",
        },
        {
          // Pictographs and symbol glyphs (bell, warning sign, check mark) in a component's template.
          selector:
            "Property[key.name='template'] TemplateElement[value.raw=/[\\u{2600}-\\u{27BF}\\u{1F300}-\\u{1FAFF}\\u{FE0F}]/u]",
          message:
            'Icons are SVG: use <so-icon name="…"> (shared/icon.component.ts) or <so-network-logo>, not a glyph.',
        },
      ],
    },
  },
);
