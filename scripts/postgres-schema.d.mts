export declare function postgresSchema(sqliteSchema: string): string;
export declare function expectedPostgresSchema(): string;
