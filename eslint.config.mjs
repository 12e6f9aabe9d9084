// Flat ESLint config. The rule that matters most: @nx/enforce-module-boundaries keeps services
// independent (a service depends only on libs, never on another service) and libs free of services.
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';

// The boundary rule reads Nx's cached project graph and silently skips itself when there is none
// (fresh clone, CI). Build or refresh it here, offline and without the daemon, so a plain
// `npx eslint` always enforces the boundaries.
process.env.NX_DAEMON ??= 'false';
process.env.NX_NO_CLOUD ??= 'true';
await createProjectGraphAsync({ exitOnError: false });

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', 'infra/.cache/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // A library's tests may import it through its public alias, as its users do.
          allowCircularSelfDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // The end-to-end suite and demo drive the services over HTTP and run them as processes:
            // they may use the libs (contracts, test helpers) but never import a service.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      // Nest's DI reads constructor parameter types; `import type` would erase them.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
