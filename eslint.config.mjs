import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const ENGINE_IMPORTS = [
  { group: ['next', 'next/*', 'next-auth', 'next-auth/*', 'next-intl', 'next-intl/*'], message: 'The engine must not depend on Next.' },
  { group: ['@prisma/*', 'prisma', '@/generated/*', '@/lib/db/*', '@/lib/auth/*'], message: 'The engine must not touch the database.' },
  { group: ['fs', 'fs/*', 'node:*', 'child_process', 'net', 'http', 'https', 'os', 'path', 'worker_threads'], message: 'The engine performs no I/O.' },
];

/** Layers point one way: the simulators return structured traces; text and views are made in lib/questions. */
const simBelowQuestions = {
  files: ['lib/sim/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...ENGINE_IMPORTS, { group: ['@/lib/questions', '@/lib/questions/*'], message: 'lib/sim imports nothing from lib/questions: return structured data and localize it in lib/questions/<domain>/explain.ts.' }] }],
  },
};

/** Components render what they are given: actions and data come in as props, never from app/. */
const componentsBelowApp = {
  files: ['components/**/*.ts', 'components/**/*.tsx'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: ['@/app', '@/app/*'], message: 'Components take server actions as props; they do not import app/.' }] }],
  },
};

/** The engine (simulators, generators, scheduler) and the features' rules (lib/<feature>/policy.ts) are pure: no ambient randomness or time, no I/O. */
const pureEngine = {
  files: ['lib/sim/**/*.ts', 'lib/questions/**/*.ts', 'lib/srs/**/*.ts', 'lib/*/policy.ts'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the Rng passed in (lib/sim/rng.ts).' },
      { object: 'Date', property: 'now', message: 'Take the time as a parameter.' },
      { object: 'performance', property: 'now', message: 'Take the time as a parameter.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time as a parameter.' },
    ],
    'no-restricted-imports': ['error', { patterns: ENGINE_IMPORTS }],
    'no-restricted-globals': ['error', { name: 'process', message: 'The engine reads no environment.' }, { name: 'fetch', message: 'The engine performs no I/O.' }],
  },
};

const config = [
  { ignores: ['.tmp*', '.tmp/**', 'node_modules/**', '.next/**', 'generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  pureEngine,
  simBelowQuestions,
  componentsBelowApp,
  { files: ['next.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
];

export default config;
