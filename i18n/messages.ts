/** Message files: messages/<locale>.json plus one folder per feature, messages/<feature>/<locale>.json. */
const FEATURES = ['stats', 'exams', 'teach', 'grading'] as const;

/** A locale's messages, merged once: they are the build's files and never change while it runs. */
const merged = new Map<string, Promise<Record<string, unknown>>>();

/** A locale's messages, for next-intl's request config (i18n/request.ts) and for a translator made outside a request (createTranslator). */
export function messagesOf(locale: string): Promise<Record<string, unknown>> {
  let messages = merged.get(locale);
  if (!messages) {
    messages = Promise.all([import(`../messages/${locale}.json`), ...FEATURES.map((f) => import(`../messages/${f}/${locale}.json`))]).then((files) =>
      Object.assign({}, ...files.map((file) => file.default)),
    );
    merged.set(locale, messages);
  }
  return messages;
}
