/** The English messages of account-zh.ts (the compiler checks none is missing). */
import type { accountZh } from './account-zh';

export const accountEn: Record<keyof typeof accountZh, string> = {
  failedSignIns: 'Since your last sign-in, someone tried to sign in with a wrong password {n} times (the latest {at}). If it was not you, change your password.',
  failedSignInsOne: 'Since your last sign-in, someone tried to sign in with a wrong password once ({at}). If it was not you, change your password.',
  failedSignInsSeen: 'Got it',
  changePassword: 'Change password',
  passwordIntro: 'Your sign-ins on other devices end; this one stays.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  passwordChanged: 'Password changed. Your sign-ins on other devices have ended.',
  errCurrentPassword: 'The current password is wrong.',
  errSamePassword: 'The new password must differ from the current one.',
};
