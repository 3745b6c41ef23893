import * as bcrypt from 'bcryptjs';
import { PasswordConfig } from '../src/password.config';
import { Argon2idPasswordHasher } from '../src/domain/argon2id-password-hasher';

describe('Argon2idPasswordHasher', () => {
  const hasher = new Argon2idPasswordHasher(new PasswordConfig());

  it('hashes with argon2id and the configured cost, and verifies', async () => {
    const hash = await hasher.hash('Correct-Horse7!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verify(hash, 'Correct-Horse7!')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'correct-Horse7!')).resolves.toBe(false);
    expect(hasher.needsRehash(hash, 'Correct-Horse7!')).toBe(false);
  });

  it.each(['$2y$', '$2a$', '$2b$'])('verifies legacy bcrypt %s hashes and asks for a rehash', async (prefix) => {
    const hash = bcrypt.hashSync('change123', 4).replace(/^\$2[ab]\$/, prefix);
    await expect(hasher.verify(hash, 'change123')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'change124')).resolves.toBe(false);
    expect(hasher.needsRehash(hash, 'change123')).toBe(true);
  });

  it('keeps a bcrypt hash when the password is longer than the 72 bytes bcrypt reads, and reads no $2x$ hashes', async () => {
    const long = 'L'.repeat(72) + 'the-real-ending';
    const hash = bcrypt.hashSync(long, 4).replace(/^\$2[ab]\$/, '$2y$');
    await expect(hasher.verify(hash, long)).resolves.toBe(true);
    await expect(hasher.verify(hash, 'L'.repeat(72) + 'another-ending')).resolves.toBe(true);
    expect(hasher.needsRehash(hash, 'L'.repeat(72) + 'another-ending')).toBe(false);
    expect(hasher.needsRehash(hash, 'L'.repeat(72))).toBe(true);
    const flawed = bcrypt.hashSync('change123', 4).replace(/^\$2[ab]\$/, '$2x$');
    expect(hasher.canRead(flawed)).toBe(false);
    await expect(hasher.verify(flawed, 'change123')).resolves.toBe(false);
  });

  it('asks for a rehash of argon2id hashes made with weaker parameters', async () => {
    const weak = await new Argon2idPasswordHasher(PasswordConfig.from({ argon2: { memoryCost: 8192, timeCost: 1, parallelism: 1 } })).hash('x');
    expect(hasher.needsRehash(weak, 'x')).toBe(true);
  });

  it('refuses hashes it cannot read instead of throwing', async () => {
    await expect(hasher.verify('', 'x')).resolves.toBe(false);
    await expect(hasher.verify('plain-text', 'plain-text')).resolves.toBe(false);
    await expect(hasher.verify('$argon2id$garbage', 'x')).resolves.toBe(false);
  });
});
