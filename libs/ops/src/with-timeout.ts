/** `work`, or a rejection once `ms` passed without an answer (a hanging database or Redis). */
export const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  work.catch(() => undefined); // a late failure after the timeout is nobody's business
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
