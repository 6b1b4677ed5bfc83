export declare const DEFAULT_DATABASE_URL: string;
export declare function sqliteFile(url: string, root: string): string | null;
export type DatabaseProvider = 'sqlite' | 'postgresql';
export declare function isPostgresUrl(url: unknown): boolean;
export declare function databaseProvider(url: string): DatabaseProvider;
export declare const PRISMA_LAYOUT: Record<DatabaseProvider, { schema: string; migrations: string }>;
export declare function redactDatabaseUrl(url: string): string;
