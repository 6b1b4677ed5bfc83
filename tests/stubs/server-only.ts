// `server-only` is a marker that throws when bundled for the browser; under vitest the
// server modules are imported directly, so it resolves to this empty module instead.
export {};
