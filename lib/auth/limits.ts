/** Password rules shared by the forms (client) and the server. */
export const MIN_PASSWORD_LENGTH = 10;
/**
 * bcrypt read at most 72 bytes, and accounts from before Argon2id still hold bcrypt hashes until
 * their next sign-in: longer passwords are refused rather than silently cut.
 */
export const MAX_PASSWORD_BYTES = 72;
