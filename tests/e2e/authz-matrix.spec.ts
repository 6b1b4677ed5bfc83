import { expect, signedInCast, test } from './fixtures';
import { AttemptPage } from './pages/attempt-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

type Who = 'anonymous' | 'student' | 'otherStudent' | 'instructor' | 'otherInstructor';
/** 'signin': redirected to the sign-in page; a number: the HTTP status. */
type Expect = 'signin' | number;

test('authorization matrix over teach and assignment pages and routes', async ({ browser }) => {
  test.setTimeout(240_000);
  const { pages } = await signedInCast(browser, {
    student: 'STUDENT',
    otherStudent: 'STUDENT',
    instructor: 'INSTRUCTOR',
    otherInstructor: 'INSTRUCTOR',
  });

  // The instructor's class, set and assignment; the student joins.
  const teach = new TeachPages(pages.instructor);
  const klass = await teach.createClass('Matrix class');
  await teach.createSet('Matrix set', [{ generator: 'lock-holder', tier: 1, count: 1 }]);
  const setUrl = new URL(pages.instructor.url()).pathname;
  await teach.assign(klass.url, 'Matrix homework');
  await new StudentClassesPage(pages.student).join(klass.code, 'You joined');
  await pages.student.goto('/assignments');
  const assignmentLink = pages.student.locator('a[href^="/assignments/"]').first();
  const assignmentUrl = (await assignmentLink.getAttribute('href')) as string;
  expect(assignmentUrl).toMatch(/^\/assignments\/.+/);

  // The student's own mock exam.
  const mock = new AttemptPage(pages.student);
  await mock.gotoMockExams();
  await mock.startMock(['lock'], 1, 5);
  const mockUrl = new URL(pages.student.url()).pathname;

  const classPath = new URL(klass.url).pathname;
  const previewPath = `${classPath}/preview/${assignmentUrl.split('/')[2]}`;
  const apiBase = classPath.replace('/teach/classes/', '/api/teach/classes/');
  const matrix: [string, Record<Who, Expect>][] = [
    ['/teach', { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 200 }],
    ['/teach/sets', { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 200 }],
    [classPath, { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${classPath}/gradebook`, { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [setUrl, { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    ['/assignments', { anonymous: 'signin', student: 200, otherStudent: 200, instructor: 200, otherInstructor: 200 }],
    [assignmentUrl, { anonymous: 'signin', student: 200, otherStudent: 404, instructor: 404, otherInstructor: 404 }],
    ['/exams', { anonymous: 'signin', student: 200, otherStudent: 200, instructor: 200, otherInstructor: 200 }],
    [mockUrl, { anonymous: 'signin', student: 200, otherStudent: 404, instructor: 404, otherInstructor: 404 }],
    ['/classes', { anonymous: 'signin', student: 200, otherStudent: 200, instructor: 200, otherInstructor: 200 }],
    [previewPath, { anonymous: 'signin', student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/gradebook.csv`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/answers.csv`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/canvas.csv`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/moodle.csv`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/answers.csv?lang=ko`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 200, otherInstructor: 404 }],
    [`${apiBase}/answers.csv?lang=fr`, { anonymous: 401, student: 403, otherStudent: 403, instructor: 400, otherInstructor: 400 }],
  ];
  const failures: string[] = [];
  for (const [path, expected] of matrix) {
    for (const who of Object.keys(expected) as Who[]) {
      const want = expected[who];
      const page = pages[who];
      if (path.startsWith('/api/')) {
        const status = (await page.request.get(path)).status();
        if (status !== want) failures.push(`${who} GET ${path}: ${status}, expected ${want}`);
        continue;
      }
      const response = await page.goto(path);
      const status = response?.status();
      const atSignIn = new URL(page.url()).pathname === '/sign-in';
      const ok = want === 'signin' ? atSignIn : status === want && !atSignIn;
      if (!ok) failures.push(`${who} ${path}: ${atSignIn ? 'sign-in' : status}, expected ${want}`);
    }
  }
  expect(failures).toEqual([]);
  for (const page of Object.values(pages)) await page.context().close();
});
