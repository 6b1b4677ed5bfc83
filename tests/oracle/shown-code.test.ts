/**
 * A program shown with comments in the learner's language is one program in both languages:
 * the Korean and the English text of every localized code block must differ only in comments.
 * The real tools decide what a comment is: python3 parses both texts and compares `ast.dump`
 * (comments never reach the syntax tree; docstrings and strings do), and gcc's preprocessor
 * (`-fpreprocessed -E`, which removes comments and nothing else) reads both C texts. Oracles
 * run the English text, so this is what makes "the oracle runs what the learner is shown" hold
 * in Korean too. Every version of every generator is checked, over a few seeds per tier.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildQuestion, listAllVersions } from '@/lib/questions/registry';
import type { Localized, PromptBlock, Tier } from '@/lib/questions/types';
import { hashSeed } from '@/lib/sim/rng';
import { requirePython } from './run-programs';

const PER_TIER = 6;

type CodeBlock = Extract<PromptBlock, { kind: 'code' }>;

/** The syntax tree of each Python source (one interpreter for all), or the error it raised. */
function pythonTrees(sources: readonly string[]): string[] {
  const script = [
    'import ast, json, sys',
    'out = []',
    'for src in json.load(sys.stdin):',
    '    try:',
    '        out.append(ast.dump(ast.parse(src)))',
    '    except SyntaxError as e:',
    '        out.append(f"SyntaxError: {e}")',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/** A C source with its comments removed by gcc's preprocessor, whitespace runs made one space. */
function cWithoutComments(source: string): string {
  const r = spawnSync('gcc', ['-fpreprocessed', '-dD', '-E', '-P', '-x', 'c', '-'], { input: source, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`gcc -E failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout.replace(/\s+/g, ' ').trim();
}

/** Whether two texts of one program are the same program, by the language's own tools. */
function sameProgram(language: CodeBlock['language'], code: Localized): boolean {
  if (language === 'python') {
    const [en, ko] = pythonTrees([code.en, code.ko]);
    return en === ko && !String(en).startsWith('SyntaxError');
  }
  if (language === 'c') return cWithoutComments(code.en) === cWithoutComments(code.ko);
  return code.en === code.ko;
}

interface Shown {
  readonly where: string;
  readonly language: CodeBlock['language'];
  readonly code: Localized;
}

const shown: Shown[] = [];
for (const g of listAllVersions()) {
  for (const tier of g.tiers) {
    for (let i = 0; i < PER_TIER; i++) {
      const seed = hashSeed(`shown-code:${g.id}:${tier}:${i}`);
      const q = buildQuestion({ generator: g.id, version: g.version, seed, tier: tier as Tier });
      for (const b of q.prompt) {
        if (b.kind === 'code' && typeof b.code !== 'string') shown.push({ where: `${g.id}@${g.version} t${tier} seed ${seed}`, language: b.language, code: b.code });
      }
    }
  }
}

describe('a program shown in two languages is the same program in both', () => {
  it('the checks tell code from comments (python3 ast, gcc -fpreprocessed -E)', () => {
    requirePython();
    expect(sameProgram('python', { en: 'x = 1  # one\nprint(x)', ko: 'x = 1  # 하나\nprint(x)' })).toBe(true);
    expect(sameProgram('python', { en: 'x = 1  # one', ko: 'x = 2  # 하나' })).toBe(false);
    expect(sameProgram('python', { en: 's = "# a"', ko: 's = "# 가"' })).toBe(false);
    expect(sameProgram('c', { en: 'int a = 1; /* one */\n', ko: 'int a = 1;   /* 하나 */\n' })).toBe(true);
    expect(sameProgram('c', { en: 'int a = 1; /* one */', ko: 'int a = 2; /* 하나 */' })).toBe(false);
    expect(sameProgram('c', { en: 'char *s = "/* a */";', ko: 'char *s = "/* 가 */";' })).toBe(false);
  });

  it('every localized program differs only in comments', () => {
    const python = shown.filter((s) => s.language === 'python');
    const trees = pythonTrees(python.flatMap((s) => [s.code.en, s.code.ko]));
    const bad = python.filter((s, k) => trees[2 * k] !== trees[2 * k + 1] || String(trees[2 * k]).startsWith('SyntaxError')).map((s) => s.where);
    for (const s of shown.filter((x) => x.language !== 'python')) if (!sameProgram(s.language, s.code)) bad.push(s.where);
    expect(bad).toEqual([]);
    expect(shown.length, 'no generator shows a program per language').toBeGreaterThan(0);
    console.log(`shown code: ${shown.length} localized programs checked (${python.length} Python, ${shown.length - python.length} C/text)`);
    // two gcc runs per C program (hundreds since memory version 4 shows its C in both
    // languages): more than vitest's default 20 s on a loaded machine
  }, 180_000);
});
