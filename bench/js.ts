/**
 * First-load weight of the learner's pages as a phone downloads them (`npm run bench -- js`;
 * run `next build` first). Starts the production build on a fresh database, signs a student up
 * and in (bench/http.ts), gives them a deck, then loads each page once in a fresh Chromium
 * context (empty cache) and adds up what the network transferred: JavaScript files (gzip, as
 * served), and the HTML document (which carries the RSC payload inline). Issue 16's budget is
 * first-load JavaScript of /drill/review ≤ 150 kB. BENCH_JS_FILES=1 lists every script file.
 */
import { chromium, type Page } from '@playwright/test';
import { startServer, stopServer, studentWithDeck } from './http';
import type { Bench } from './run';

const PAGES = ['/drill/review', '/drill', '/drill/skills', '/drill/practice?count=5', '/stats'] as const;
const BUDGET_KB = { '/drill/review': 150 } as Partial<Record<string, number>>;
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

interface Weight {
  scripts: number;
  scriptFiles: number;
  document: number;
  other: number;
}

/** Bytes transferred (encoded bodies: gzip as served; headers left out) while `pathname` loads and settles. */
async function weigh(page: Page, origin: string, pathname: string): Promise<Weight> {
  const weight: Weight = { scripts: 0, scriptFiles: 0, document: 0, other: 0 };
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((sizes) => {
        const bytes = sizes.responseBodySize;
        const type = request.resourceType();
        if (type === 'script') {
          if (process.env.BENCH_JS_FILES) console.log(`  ${pathname} ${kB(bytes)} kB ${new URL(request.url()).pathname}`);
          weight.scripts += bytes;
          weight.scriptFiles += 1;
        } else if (type === 'document') weight.document += bytes;
        else weight.other += bytes;
      }),
    );
  });
  await page.goto(new URL(pathname, origin).toString(), { waitUntil: 'networkidle' });
  await Promise.all(pending);
  return weight;
}

export const bench: Bench = {
  name: 'js',
  description: 'first-load JavaScript per page, transferred (gzip), signed in, empty cache',
  async run() {
    const server = await startServer();
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const client = await studentWithDeck(server, 1);
      const cookies = client.allCookies().map(([name, value]) => ({ name, value, url: server.origin }));
      console.log('| page | JS kB | JS files | HTML kB | other kB | budget |');
      console.log('|---|---:|---:|---:|---:|---|');
      for (const pathname of PAGES) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
        await context.addCookies(cookies);
        const page = await context.newPage();
        const w = await weigh(page, server.origin, pathname);
        const budget = BUDGET_KB[pathname];
        const verdict = budget === undefined ? '' : w.scripts / 1000 <= budget ? `≤ ${budget} kB: within` : `≤ ${budget} kB: OVER`;
        console.log(`| ${pathname} | ${kB(w.scripts)} | ${w.scriptFiles} | ${kB(w.document)} | ${kB(w.other)} | ${verdict} |`);
        await context.close();
      }
    } finally {
      await browser.close();
      await stopServer(server);
    }
  },
};
