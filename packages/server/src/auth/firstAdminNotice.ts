/**
 * The line that hands over the first admin's password when the server made
 * one up (ADMIN_PASSWORD unset on an empty store): printed once by `npm start`
 * and by `npm run seed:demo`, whichever opened the store first, since the
 * password is stored only as a hash and cannot be shown again.
 */
export function firstAdminNotice(password: string): string {
  return `First start: sign in as admin with password ${password} (shown once; set ADMIN_PASSWORD to choose it)\n`;
}
