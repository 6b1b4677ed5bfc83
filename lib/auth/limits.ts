/** Password rules shared by the forms (client) and the server. */
export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;
