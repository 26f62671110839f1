/** Python's `time.strftime` in the C locale, for `strftime`, `{% now %}` and `to_datetime`. */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(date: Date, format: string, utc = true): string {
  const get = {
    Y: utc ? date.getUTCFullYear() : date.getFullYear(),
    m: (utc ? date.getUTCMonth() : date.getMonth()) + 1,
    d: utc ? date.getUTCDate() : date.getDate(),
    H: utc ? date.getUTCHours() : date.getHours(),
    M: utc ? date.getUTCMinutes() : date.getMinutes(),
    S: utc ? date.getUTCSeconds() : date.getSeconds(),
    w: utc ? date.getUTCDay() : date.getDay(),
    ms: utc ? date.getUTCMilliseconds() : date.getMilliseconds(),
  };
  const dayOfYear = Math.floor((Date.UTC(get.Y, get.m - 1, get.d) - Date.UTC(get.Y, 0, 1)) / 86_400_000) + 1;
  const offsetMin = utc ? 0 : -date.getTimezoneOffset();
  const table: Record<string, () => string> = {
    Y: () => String(get.Y),
    y: () => p2(get.Y % 100),
    m: () => p2(get.m),
    d: () => p2(get.d),
    e: () => String(get.d).padStart(2, ' '),
    H: () => p2(get.H),
    I: () => p2(get.H % 12 || 12),
    M: () => p2(get.M),
    S: () => p2(get.S),
    f: () => String(get.ms * 1000).padStart(6, '0'),
    p: () => (get.H < 12 ? 'AM' : 'PM'),
    a: () => (DAYS[get.w] as string).slice(0, 3),
    A: () => DAYS[get.w] as string,
    b: () => (MONTHS[get.m - 1] as string).slice(0, 3),
    h: () => (MONTHS[get.m - 1] as string).slice(0, 3),
    B: () => MONTHS[get.m - 1] as string,
    j: () => String(dayOfYear).padStart(3, '0'),
    w: () => String(get.w),
    u: () => String(get.w || 7),
    z: () => `${offsetMin < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(offsetMin) / 60))}${p2(Math.abs(offsetMin) % 60)}`,
    Z: () => (utc ? 'UTC' : ''),
    s: () => String(Math.floor(date.getTime() / 1000)),
    F: () => `${get.Y}-${p2(get.m)}-${p2(get.d)}`,
    T: () => `${p2(get.H)}:${p2(get.M)}:${p2(get.S)}`,
    D: () => `${p2(get.m)}/${p2(get.d)}/${p2(get.Y % 100)}`,
    c: () => `${table.a!()} ${table.b!()} ${table.e!()} ${table.T!()} ${get.Y}`,
    x: () => table.D!(),
    X: () => table.T!(),
    '%': () => '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (all, c: string) => table[c]?.() ?? all);
}
