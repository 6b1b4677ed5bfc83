import { randomInt } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound, redirect } from 'next/navigation';
import { LockdownNotice } from '@/components/attempt/lockdown-notice';
import { QuestionPlayer } from '@/components/question/question-player';
import { checkAnswer } from '../actions';
import { currentLockdown } from '@/lib/attempts/lockdown';
import { currentLang } from '@/lib/i18n/current-lang';
import { toPublicQuestion } from '@/lib/questions/public';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Tier } from '@/lib/questions/types';
import { MAX_SEED_32 } from '@/lib/sim/rng';
import { practiceSearch } from '../schema';

type Props = { params: Promise<{ generator: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const g = getGenerator((await params).generator);
  const lang = await currentLang();
  return { title: g ? g.title[lang] : (await getTranslations('errors'))('notFoundTitle') };
}

const newSeed = () => randomInt(0, MAX_SEED_32);

/** /practice/<generator>?tier=&seed= — any question can be shared by its URL. */
export default async function PracticeQuestionPage({ params, searchParams }: Props) {
  const { generator: id } = await params;
  // Exam mode: a student in a locked exam gets no practice questions until it ends.
  const lockdown = await currentLockdown();
  if (lockdown) return <LockdownNotice notice={lockdown} />;
  const search = practiceSearch.parse(await searchParams);
  const generator = getGenerator(id, search.v);
  if (!generator) notFound();
  const tier = (search.tier && generator.tiers.includes(search.tier as Tier) ? search.tier : generator.tiers[0]) as Tier;
  const versionPart = search.v ? `&v=${generator.version}` : '';
  if (search.seed === undefined) redirect(`/practice/${id}?tier=${tier}&seed=${newSeed()}${versionPart}`);
  const question = buildQuestion({ generator: id, version: generator.version, seed: search.seed, tier });
  const t = await getTranslations('practice');
  const lang = await currentLang();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-muted">
          <Link href="/practice" className="underline">
            {t('title')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{question.title[lang]}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {generator.tiers.map((tr) => (
            <Link
              key={tr}
              href={`/practice/${id}?tier=${tr}&seed=${newSeed()}`}
              aria-current={tr === tier ? 'page' : undefined}
              className={`rounded border border-line px-2 py-0.5 ${tr === tier ? 'bg-accent text-on-accent' : 'hover:bg-surface-2'}`}
            >
              {t('tier', { tier: tr })}
            </Link>
          ))}
          <span className="font-mono text-muted" data-testid="question-ref">
            {id} v{generator.version} · seed {search.seed}
          </span>
        </div>
      </header>
      <QuestionPlayer
        key={`${id}-${tier}-${search.seed}`}
        question={toPublicQuestion(question)}
        lang={lang}
        nextHref={`/practice/${id}?tier=${tier}&seed=${newSeed()}`}
        checkAnswer={checkAnswer}
      />
    </article>
  );
}
