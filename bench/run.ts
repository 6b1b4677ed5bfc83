/**
 * Runs every benchmark in turn (`npm run bench`), or only those named:
 * `npm run bench -- questions`. Benchmarks print numbers and assert nothing.
 * To add one: write bench/<name>.ts exporting `bench: Bench`, and list it below.
 */
export interface Bench {
  readonly name: string;
  readonly description: string;
  run(): void | Promise<void>;
}

const modules: readonly (() => Promise<{ bench: Bench }>)[] = [
  () => import('./questions'),
  () => import('./challenge'),
  () => import('./drills'),
  () => import('./sign-in-flood'),
  () => import('./import'),
  () => import('./http'),
  () => import('./js'),
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const load of modules) {
    const { bench } = await load();
    if (only.length > 0 && !only.includes(bench.name)) continue;
    console.log(`\n## ${bench.name}: ${bench.description}\n`);
    const started = performance.now();
    await bench.run();
    console.log(`\n(${bench.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

void main();
