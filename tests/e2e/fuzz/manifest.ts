/** The server actions of the build (.next/server/server-reference-manifest.json), read as tests need them. */
import fs from 'node:fs';
import path from 'node:path';

export interface BuiltAction {
  id: string;
  name: string;
  /** URL paths of pages that include the action (route groups dropped, [params] filled with an id-like value). */
  paths: string[];
}

const ROOT = path.resolve(__dirname, '../../..');

function pagePaths(workers: string[]): string[] {
  return workers
    .filter((w) => w.startsWith('app/') && w.endsWith('/page') && !w.includes('_not-found'))
    .map((w) => `/${w.slice('app/'.length, -'/page'.length)}`.replace(/\/\([^)]+\)/g, '').replace(/\[[^\]]+\]/g, 'c00000000000000000000000') || '/');
}

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const paths = pagePaths(Object.keys(entry.workers));
    return { id, name: entry.exportedName ?? id, paths: paths.length ? paths : ['/'] };
  });
}
