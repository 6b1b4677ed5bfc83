/**
 * Questions from the command line, generic over the registry:
 *   list [--json]
 *   show <generator> --seed <s> --tier <t> [--lang ko|en] [--json]
 *   export <generator> --seed <s> --tier <t>
 * Bad input: a message on stderr and exit code 2.
 */
import { buildProgram, buildQuestion, checkRef, listGenerators } from '@/lib/questions/registry';
import {
  inLang,
  type ExplanationView,
  type Lang,
  type Localized,
  type PromptBlock,
  type Question,
  type QuestionRef,
  type ResponseSpec,
  type Tier,
} from '@/lib/questions/types';

class UsageError extends Error {}

const USAGE = `usage:
  question list [--json]
  question show <generator> --seed <s> --tier <t> [--lang ko|en] [--json]
  question export <generator> --seed <s> --tier <t>`;

function parseFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (name === 'json') flags.set(name, true);
      else {
        const v = args[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
        i++;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

function allow(flags: Map<string, unknown>, allowed: readonly string[]): void {
  for (const k of flags.keys()) if (!allowed.includes(k)) throw new UsageError(`unknown option --${k}`);
}

function parseRef(positional: readonly string[], flags: Map<string, string | true>): QuestionRef {
  const generator = positional[1];
  if (!generator) throw new UsageError('missing <generator>');
  if (positional.length > 2) throw new UsageError(`unexpected argument ${positional[2]}`);
  const seedText = flags.get('seed');
  const tierText = flags.get('tier');
  if (typeof seedText !== 'string') throw new UsageError('missing --seed <s>');
  if (typeof tierText !== 'string') throw new UsageError('missing --tier <t>');
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : NaN;
  const tier = /^\d+$/.test(tierText) ? Number(tierText) : NaN;
  const problem = checkRef({ generator, seed, tier });
  if (problem === 'unknown-generator') {
    throw new UsageError(`unknown generator "${generator}" (see: question list)`);
  }
  if (problem === 'bad-seed') throw new UsageError(`bad seed "${seedText}": an integer from 0 to 4294967295`);
  if (problem === 'bad-tier') {
    const g = listGenerators().find((x) => x.id === generator);
    throw new UsageError(`bad tier "${tierText}" for ${generator}: one of ${g?.tiers.join(', ')}`);
  }
  if (problem) throw new UsageError(`invalid question: ${problem}`);
  const g = listGenerators().find((x) => x.id === generator);
  return { generator, version: g?.version ?? 1, seed, tier: tier as Tier };
}

// ------------------------------------------------------------------ text rendering

const loc = (l: Localized, lang: Lang): string => l[lang];

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
}

function renderPrompt(blocks: readonly PromptBlock[], lang: Lang): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'text') out.push(loc(b.text, lang), '');
    else if (b.kind === 'code') out.push(`\`\`\`${b.language}`, inLang(b.code, lang).trimEnd(), '```', '');
    else {
      if (b.caption) out.push(loc(b.caption, lang));
      out.push(...table(b.header.map((h) => loc(h, lang)), b.rows.map((r) => r.map((c) => inLang(c, lang)))), '');
    }
  }
  return out;
}

function renderResponse(spec: ResponseSpec, lang: Lang): string[] {
  const ko = lang === 'ko';
  switch (spec.kind) {
    case 'choice':
      return [ko ? '하나를 고르세요:' : 'Choose one:', ...spec.options.map((o) => `  [${o.id}] ${loc(o.label, lang)}`)];
    case 'multi':
      return [ko ? '해당하는 것을 모두 고르세요:' : 'Choose all that apply:', ...spec.options.map((o) => `  [${o.id}] ${loc(o.label, lang)}`)];
    case 'ordering':
      return [ko ? '순서대로 나열하세요:' : 'Put in order:', ...spec.items.map((o) => `  [${o.id}] ${loc(o.label, lang)}`)];
    case 'number': {
      const range = [spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : ''].filter(Boolean).join(', ');
      const unit = spec.unit ? ` (${loc(spec.unit, lang)})` : '';
      return [`${ko ? '수로 답하세요' : 'Answer with a number'}${unit}${range ? ` ${range}` : ''}`];
    }
    case 'text':
      return [ko ? `짧게 답하세요 (최대 ${spec.maxLength}자)` : `Short answer (at most ${spec.maxLength} characters)`];
    case 'schedule':
      return [ko ? '스케줄(스레드 이름과 tick의 목록)이나 "impossible"로 답하세요' : 'Answer with a schedule (a list of thread names and "tick") or "impossible"'];
  }
}

function renderAnswer(q: Question, lang: Lang): string {
  const label = (id: string): string => {
    const opts = q.response.kind === 'choice' || q.response.kind === 'multi' ? q.response.options : q.response.kind === 'ordering' ? q.response.items : [];
    const o = opts.find((x) => x.id === id);
    return o ? `${id} (${loc(o.label, lang)})` : id;
  };
  if (typeof q.answer === 'number') return String(q.answer);
  if (typeof q.answer === 'string') return label(q.answer);
  return q.answer.map(label).join(q.response.kind === 'ordering' ? ' → ' : ', ') || (lang === 'ko' ? '(없음)' : '(none)');
}

const STATE_MARK: Record<string, string> = {
  'not-started': ' ',
  running: 'R',
  ready: 'r',
  blocked: 'B',
  sleeping: 'z',
  finished: '.',
  killed: 'X',
};

function renderView(v: ExplanationView, lang: Lang): string[] {
  if (v.kind === 'timeline') {
    const out: string[] = [];
    const w = Math.max(...v.rows.map((r) => r.label.length), ...v.locks.map((l) => l.id.length + 5), 4);
    out.push(`${'tick'.padEnd(w)} ${Array.from({ length: v.ticks }, (_, i) => String(i % 10)).join('')}`);
    for (const r of v.rows) out.push(`${r.label.padEnd(w)} ${r.cells.map((c) => STATE_MARK[c.state] ?? '?').join('')}`);
    for (const l of v.locks) {
      const ids = [...new Set(l.holders.filter((h): h is string => h !== null))];
      const mark = (h: string | null) => (h === null ? '-' : String(ids.indexOf(h) + 1));
      out.push(`${`lock ${l.id}`.padEnd(w)} ${l.holders.map(mark).join('')}   ${ids.map((h, i) => `${i + 1}=${h}`).join(' ')}`);
    }
    out.push(lang === 'ko' ? '  (R 실행/GIL, z sleep, B 블록, . 종료, X 강제 종료)' : '  (R running/GIL, z sleeping, B blocked, . finished, X killed)');
    for (const e of v.events) out.push(`  t=${e.tick} ${e.thread}: ${loc(e.text, lang)}`);
    return out;
  }
  if (v.kind === 'table') {
    return [...(v.caption ? [loc(v.caption, lang)] : []), ...table(v.header.map((h) => loc(h, lang)), v.rows.map((r) => r.map((c) => inLang(c, lang))))];
  }
  const out: string[] = [];
  for (const s of v.steps) {
    out.push(loc(s.label, lang));
    for (const p of s.processes) {
      out.push(`  ${p.label}: ${p.entries.map((e) => `${e.vpage}→${e.frame ?? '-'}${e.writable ? 'w' : 'r'}${e.cow ? '(cow)' : ''}`).join(' ')}`);
    }
    out.push(`  frames: ${s.frames.map((f) => `${f.frame}:${f.refcount}`).join(' ')}`);
    out.push(`  ${Object.entries(s.counters).map(([k, n]) => `${k}=${n}`).join(' ')}`);
  }
  return out;
}

function renderQuestion(q: Question, lang: Lang): string {
  const ko = lang === 'ko';
  const out: string[] = [];
  out.push(`# ${loc(q.title, lang)}  (${q.ref.generator} v${q.ref.version}, seed ${q.ref.seed}, tier ${q.ref.tier}, topic ${q.topic})`, '');
  out.push(...renderPrompt(q.prompt, lang));
  out.push(...renderResponse(q.response, lang), '');
  if (q.assumptions && q.assumptions.length > 0) {
    out.push(ko ? '가정:' : 'Assumptions:');
    for (const a of q.assumptions) out.push(`  - ${loc(a, lang)}`);
    out.push('');
  }
  out.push(`${ko ? '정답' : 'Answer'}: ${renderAnswer(q, lang)}`, '');
  out.push(ko ? '해설:' : 'Explanation:');
  for (const p of q.explanation.summary) out.push(`  ${loc(p, lang)}`);
  if (q.explanation.rule) out.push(`  ${ko ? '규칙' : 'Rule'}: ${loc(q.explanation.rule, lang)}`);
  for (const v of q.explanation.views) out.push('', ...renderView(v, lang));
  const tagged =
    q.response.kind === 'choice' || q.response.kind === 'multi' ? q.response.options.filter((o) => o.misconception) : [];
  if (tagged.length > 0) {
    out.push('', ko ? '오개념 보기:' : 'Misconception distractors:');
    for (const o of tagged) out.push(`  [${o.id}] ${o.misconception ? loc(o.misconception.text, lang) : ''}`);
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ commands

function main(argv: readonly string[]): number {
  const { positional, flags } = parseFlags(argv);
  const command = positional[0];
  if (command === 'list') {
    allow(flags, ['json']);
    if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
    const rows = listGenerators().map((g) => ({ id: g.id, version: g.version, domain: g.domain, topic: g.topic, tiers: [...g.tiers] }));
    if (flags.get('json')) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else {
      process.stdout.write(
        table(
          ['id', 'version', 'domain', 'topic', 'tiers'],
          rows.map((r) => [r.id, String(r.version), r.domain, r.topic, r.tiers.join(',')]),
        ).join('\n') + '\n',
      );
    }
    return 0;
  }
  if (command === 'show') {
    allow(flags, ['seed', 'tier', 'lang', 'json']);
    const ref = parseRef(positional, flags);
    const lang = flags.get('lang') ?? 'en';
    if (lang !== 'en' && lang !== 'ko') throw new UsageError(`bad --lang "${String(lang)}": ko or en`);
    const q = buildQuestion(ref);
    process.stdout.write(flags.get('json') ? JSON.stringify(q, null, 2) + '\n' : renderQuestion(q, lang));
    return 0;
  }
  if (command === 'export') {
    allow(flags, ['seed', 'tier']);
    const ref = parseRef(positional, flags);
    const program = buildProgram(ref);
    if (!program) {
      process.stderr.write(`${ref.generator} has no runnable program\n`);
      return 2;
    }
    process.stdout.write(program.source.endsWith('\n') ? program.source : program.source + '\n');
    return 0;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`question: ${e.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else throw e;
}
