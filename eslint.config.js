// Lint: TypeScript rules plus the layering of CONVENTIONS.md, enforced so it cannot rot:
// lib/ imports nothing of app/ or server/; server/ nothing of app/; app/ reaches server/
// only from route handlers and server components (never from client components).
import tseslint from 'typescript-eslint';

const noAppOrServer = {
  patterns: [
    { group: ['@/app/*', '@/server/*', '**/app/*', '**/server/*'], message: 'lib/ is isomorphic domain code: it may not import app/ or server/.' },
  ],
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
  { files: ['lib/**/*.ts', 'lib/**/*.tsx'], rules: { 'no-restricted-imports': ['error', noAppOrServer] } },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '**/app/*'], message: 'server/ may not import app/.' }] }] },
  },
  {
    // Client components: anything under app/ that is not a route handler, page, layout or server-only helper.
    files: ['app/**/*.tsx'],
    ignores: ['app/**/page.tsx', 'app/**/layout.tsx', 'app/**/not-found.tsx', 'app/**/error.tsx', 'app/_server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/server/*', '**/server/*'], allowTypeImports: true, message: 'Client components may not import server/ code; pass data from a server component.' }] },
      ],
    },
  },
);
