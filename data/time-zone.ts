/** The zone "open now", notices and dates are computed in when a record declares none. */
export const DEFAULT_TZ = 'Asia/Shanghai';
