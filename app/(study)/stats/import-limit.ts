/** The largest progress file the import accepts (apart from schema.ts, so the browser's check needs no zod). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
