export declare const DEFAULT_DATABASE_URL: string;
export declare function sqliteFile(url: string, root: string): string | null;
