import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// The package's `Algorithm` is an ambient const enum (not importable with isolatedModules); 2 = Argon2id.
const ARGON2ID_ALGORITHM = 2;
import * as bcrypt from 'bcryptjs';
import { PasswordConfig } from '../password.config';
import { PasswordHasher } from '../extension/password-hasher';

/** `$2x$` (hashes from PHP's flawed crypt_blowfish before 5.3.7) cannot be checked correctly: not read. */
const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;
/** bcrypt hashes only the first 72 bytes of a password. */
const BCRYPT_MAX_BYTES = 72;
const ARGON2ID = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;
/** A whole PHC-format argon2 hash: variant, version, parameters, salt and hash (unpadded base64). */
const ARGON2_HASH = /^\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/**
 * argon2id for new hashes; also reads the bcrypt hashes PHP shops store (`$2y$`, `$2a$`, `$2b$`),
 * so imported customers can log in and get rehashed.
 */
@Injectable()
export class Argon2idPasswordHasher implements PasswordHasher {
  constructor(private readonly config: PasswordConfig) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID_ALGORITHM, ...this.config.argon2 });
  }

  async verify(stored: string, password: string): Promise<boolean> {
    if (stored.startsWith('$argon2')) {
      return verify(stored, password).catch(() => false);
    }
    if (BCRYPT.test(stored)) {
      // $2y$ (PHP) is the same algorithm as $2b$; bcryptjs only knows the latter prefixes.
      return bcrypt.compare(password, stored.replace(/^\$2y\$/, '$2b$')).catch(() => false);
    }
    return false;
  }

  canRead(stored: string): boolean {
    return BCRYPT.test(stored) || ARGON2_HASH.test(stored);
  }

  needsRehash(stored: string, password: string): boolean {
    // A longer password matched only on its first 72 bytes; keeping the bcrypt hash keeps the real password working.
    if (BCRYPT.test(stored)) return Buffer.byteLength(password, 'utf8') <= BCRYPT_MAX_BYTES;
    const params = ARGON2ID.exec(stored);
    if (!params) return true;
    const { memoryCost, timeCost, parallelism } = this.config.argon2;
    return Number(params[1]) < memoryCost || Number(params[2]) < timeCost || Number(params[3]) !== parallelism;
  }
}
