import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('the pure-engine lint rule', () => {
  it.each(['lib/sim/threads/x.ts', 'lib/questions/x.ts', 'lib/srs/x.ts', 'lib/attempts/policy.ts'])('forbids ambient randomness, time and I/O in %s', async (file) => {
    expect(await ruleIds('export const r = Math.random();\n', file)).toContain('no-restricted-properties');
    expect(await ruleIds('export const t = Date.now();\n', file)).toContain('no-restricted-properties');
    expect(await ruleIds('export const d = new Date();\n', file)).toContain('no-restricted-syntax');
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", file)).toContain('no-restricted-imports');
    expect(await ruleIds("import { redirect } from 'next/navigation';\nexport const f = redirect;\n", file)).toContain('no-restricted-imports');
    expect(await ruleIds("import { PrismaClient } from '@prisma/client';\nexport const f = PrismaClient;\n", file)).toContain('no-restricted-imports');
  });

  it('allows the same code outside the engine', async () => {
    expect(await ruleIds('export const r = Math.random() + Date.now();\n', 'lib/db/x.ts')).toEqual([]);
  });
});

describe('the layer rules', () => {
  it('keeps lib/sim from importing lib/questions, and still forbids I/O there', async () => {
    expect(await ruleIds("import { L } from '@/lib/questions/kit';\nexport const f = L;\n", 'lib/sim/threads/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'lib/sim/memory/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { createRng } from '@/lib/sim/rng';\nexport const f = createRng;\n", 'lib/sim/threads/x.ts')).toEqual([]);
    expect(await ruleIds("import { createRng } from '@/lib/sim/rng';\nexport const f = createRng;\n", 'lib/questions/x.ts')).toEqual([]);
  });

  it('keeps components from importing app/', async () => {
    expect(await ruleIds("import { checkAnswer } from '@/app/practice/actions';\nexport const f = checkAnswer;\n", 'components/question/x.tsx')).toContain('no-restricted-imports');
    expect(await ruleIds("import { checkAnswer } from '@/app/practice/actions';\nexport const f = checkAnswer;\n", 'app/practice/x.tsx')).toEqual([]);
  });
});
