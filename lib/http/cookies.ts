/**
 * Options for the app's own cookies (language, theme). They are `Secure` exactly when the
 * session cookies are: next-auth marks its cookies Secure (and `__Secure-` prefixed) when
 * NEXTAUTH_URL is an https URL, so one setting decides both.
 */
export function preferenceCookie(maxAge: number, nextAuthUrl = process.env.NEXTAUTH_URL) {
  return { path: '/', maxAge, sameSite: 'lax' as const, httpOnly: false, secure: nextAuthUrl?.startsWith('https://') ?? false };
}
