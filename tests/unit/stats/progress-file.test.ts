import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCardState, serializeCardState } from '@/lib/srs/mapper';
import { parseProgressFile, progressFile, PROGRESS_VERSION, type ProgressFileJson } from '@/lib/stats/progress-file';

/** A version 1 file written by the export before the format moved to lib/stats/progress-file.ts. */
const V1_TEXT = fs.readFileSync(path.join(__dirname, 'fixtures', 'progress-v1.json'), 'utf8');
const v1 = JSON.parse(V1_TEXT) as ProgressFileJson;

describe('progress file', () => {
  it('is version 2 and still reads version 1 files', () => {
    expect(PROGRESS_VERSION).toBe(2);
    expect(v1.version).toBe(1);
  });

  it('reads a version 1 file as having default weights, and writes its data back as the same document at version 2', () => {
    const parsed = parseProgressFile(V1_TEXT);
    if (parsed.status !== 'ok') throw new Error(`fixture rejected: ${JSON.stringify(parsed.issues)}`);
    const { data } = parsed;
    expect(data.cards).toHaveLength(v1.cards.length);
    expect(data.cards[0]?.due).toEqual(new Date(v1.cards[0]!.due));
    expect(data.settings?.examDate).toEqual(new Date(v1.settings!.examDate!));
    // The export reads reviews from the database as JSON; the rest are rows with Dates.
    const again = progressFile({ settings: data.settings, deckTopics: data.deckTopics, cards: data.cards, reviews: v1.reviews }, new Date(v1.exportedAt));
    expect(data.settings?.weights).toBeNull();
    const asV2 = { ...v1, version: 2, settings: { ...v1.settings!, weights: null } };
    expect(JSON.stringify(again, null, 2) + '\n').toBe(JSON.stringify(asV2, null, 2) + '\n');
  });

  it('carries fitted weights and refuses weights that are not 21 finite numbers', () => {
    const weights = Array.from({ length: 21 }, (_, i) => 0.1 * (i + 1));
    const withWeights = { ...v1, version: 2, settings: { ...v1.settings!, weights } };
    const parsed = parseProgressFile(JSON.stringify(withWeights));
    expect(parsed.status === 'ok' && parsed.data.settings?.weights).toEqual(weights);
    const short = { ...withWeights, settings: { ...withWeights.settings, weights: weights.slice(0, 19) } };
    expect(parseProgressFile(JSON.stringify(short))).toMatchObject({ status: 'invalid', issues: [{ section: 'settings', field: 'weights' }] });
  });

  it('keeps review-log card states as the text stored before', () => {
    for (const review of v1.reviews) {
      for (const state of [review.stateBefore, review.stateAfter]) {
        const text = JSON.stringify(state);
        expect(serializeCardState(parseCardState(text))).toBe(text);
      }
    }
  });

  it('refuses another version or format with one clear problem', () => {
    expect(parseProgressFile(JSON.stringify({ ...v1, version: 3 }))).toMatchObject({ status: 'invalid', issues: [{ code: 'version', value: '3' }] });
    expect(parseProgressFile(JSON.stringify({ ...v1, format: 'anki' }))).toMatchObject({ status: 'invalid', issues: [{ code: 'format' }] });
  });
});
