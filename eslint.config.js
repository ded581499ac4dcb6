// Lint: TypeScript rules plus the layering described in docs/architecture.md, enforced so it cannot rot:
// lib/ imports nothing of app/ or server/; server/ nothing of app/; app/ reaches server/
// only from route handlers and server components (never from client components).
import prettierConfig from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noAppOrServer = {
  patterns: [{ group: ['@/app/*', '@/server/*', '**/app/*', '**/server/*'], message: 'lib/ is isomorphic domain code: it may not import app/ or server/.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'next-env.d.ts', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules that catch real bugs: a promise nobody awaits or catches (an
    // unhandled rejection can stop the server), a promise where a callback must return
    // void, and awaiting something that is not a promise.
    files: ['server/**/*.ts', 'lib/**/*.ts', 'lib/**/*.tsx', 'app/**/*.ts', 'app/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The two rules of hooks (call order, complete effect dependencies). The plugin's
    // React Compiler rules are left out: Accord does not use the compiler.
    files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts', 'lib/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['lib/**/*.ts', 'lib/**/*.tsx'], rules: { 'no-restricted-imports': ['error', noAppOrServer] } },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '**/app/*'], message: 'server/ may not import app/.' }] }] },
  },
  {
    // Client code: anything under app/ (components, hooks, API clients; .ts and .tsx) that is
    // not a route handler, page, layout or server-only helper.
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    ignores: ['app/**/page.tsx', 'app/**/layout.tsx', 'app/**/not-found.tsx', 'app/**/error.tsx', 'app/**/route.ts', 'app/api/**', 'app/_server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '**/server/*'],
              allowTypeImports: true,
              message: 'Client components may not import server/ code; pass data from a server component.',
            },
          ],
        },
      ],
    },
  },
  // Formatting is prettier's (npm run format); no lint rule argues with it.
  prettierConfig,
);
