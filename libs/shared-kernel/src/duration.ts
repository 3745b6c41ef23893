const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `90`, `90s`, `15m`, `2h`, `30d` into seconds; throws on anything else. */
export const parseDurationSeconds = (value: string | number): number => {
  if (typeof value === 'number') return value;
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) throw new Error(`Not a duration: "${value}" (use e.g. 900, 15m, 2h, 30d)`);
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
};
