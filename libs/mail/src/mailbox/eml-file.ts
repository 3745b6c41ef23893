import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a mail as `<timestamp>-<id>.eml` in `directory` and returns the file's path. The file appears whole: it is
 * written under another name first and then renamed, so the mailbox never reads a mail that is half written.
 */
export const writeEmlFile = async (directory: string, id: string, content: string | Buffer): Promise<string> => {
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
  const partial = `${file}.partial`;
  await writeFile(partial, content);
  await rename(partial, file);
  return file;
};
