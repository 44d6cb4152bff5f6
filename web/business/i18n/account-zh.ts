/** Business-app messages about the own account: the wrong-password notice and changing the password (zh-CN); spread into zh.ts. */
export const accountZh = {
  failedSignIns: '自上次登录以来，有 {n} 次密码错误的登录尝试（最近一次 {at}）。如果不是你，请修改密码。',
  failedSignInsOne: '自上次登录以来，有 1 次密码错误的登录尝试（{at}）。如果不是你，请修改密码。',
  failedSignInsSeen: '知道了',
  changePassword: '修改密码',
  passwordIntro: '修改后，你在其他设备上的登录会退出，这里的登录保持不变。',
  currentPassword: '当前密码',
  newPassword: '新密码',
  passwordChanged: '密码已修改，其他设备上的登录已退出。',
  errCurrentPassword: '当前密码不对。',
  errSamePassword: '新密码不能和当前密码相同。',
};
