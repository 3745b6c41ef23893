import type { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded data directory is open in another live process. */
export class DataDirectoryInUseError extends Error {
  constructor(readonly directory: string, readonly pid: number, readonly holder: string) {
    super(
      `The embedded database in ${directory} is in use by process ${pid}${holder ? ` (${holder})` : ''}. ` +
        'PGlite allows one process per data directory: stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

/** The contrib extensions the customer search migration creates; loaded lazily because they ship as separate bundles. */
const searchExtensions = () => ({
  pg_trgm: require('@electric-sql/pglite/contrib/pg_trgm').pg_trgm,
  unaccent: require('@electric-sql/pglite/contrib/unaccent').unaccent,
});

/** Directories this process has open; a lock with our own pid and no entry here is a previous incarnation's (pid 1 in a container). */
const openHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded PostgreSQL (PGlite) in a data directory, held exclusively through a lock file that names the holder's
 * pid. A lock left by a process that no longer runs is taken over.
 */
export class EmbeddedDatabase {
  private released = false;
  private readonly releaseOnExit = () => this.releaseLock();

  private constructor(readonly directory: string, readonly pglite: PGlite, private readonly lockFile: string) {
    process.once('exit', this.releaseOnExit);
  }

  /** @throws DataDirectoryInUseError */
  static open(directory: string, holder = process.argv.slice(1).join(' ')): EmbeddedDatabase {
    const dir = resolve(directory);
    mkdirSync(dir, { recursive: true });
    const lockFile = join(dir, 'patron.lock');
    EmbeddedDatabase.acquire(lockFile, dir, holder);
    openHere.add(dir);
    // Required here: processes on a PostgreSQL server never load PGlite (a large module).
    const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    return new EmbeddedDatabase(dir, new PGlite(join(dir, 'data'), { extensions: searchExtensions() }), lockFile);
  }

  private static acquire(lockFile: string, dir: string, holder: string): void {
    if (openHere.has(dir)) throw new DataDirectoryInUseError(dir, process.pid, holder);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(lockFile, 'wx');
        writeSync(fd, `${process.pid}\n${holder}\n`);
        closeSync(fd);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const [pidLine, holderLine = ''] = readLock(lockFile);
      const pid = Number(pidLine);
      const held = pid === process.pid ? openHere.has(dir) : pid > 0 && isAlive(pid);
      if (held) throw new DataDirectoryInUseError(dir, pid, holderLine);
      try {
        unlinkSync(lockFile); // stale: its process is gone
      } catch {
        // someone else removed it first; try again
      }
    }
    throw new Error(`Could not lock ${lockFile}`);
  }

  async close(): Promise<void> {
    if (this.released) return;
    try {
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      this.releaseLock();
    }
  }

  private releaseLock(): void {
    if (this.released) return;
    this.released = true;
    openHere.delete(this.directory);
    process.removeListener('exit', this.releaseOnExit);
    try {
      if (Number(readLock(this.lockFile)[0]) === process.pid) unlinkSync(this.lockFile);
    } catch {
      // already gone
    }
  }
}

const readLock = (file: string): string[] => {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
};
