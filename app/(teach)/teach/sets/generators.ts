import { listGenerators } from '@/lib/questions/registry';
import type { Lang } from '@/lib/questions/types';
import type { GeneratorChoice } from './set-editor';

export function generatorChoices(lang: Lang): GeneratorChoice[] {
  return listGenerators().map((g) => ({ id: g.id, title: `${g.title[lang]} (${g.id})`, tiers: [...g.tiers] }));
}
