/** Turns passwords into stored hashes and checks them. Replace it wholesale through `PASSWORD_HASHER`. */
export interface PasswordHasher {
  /** Hashes a new password with the current algorithm and parameters. */
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; false for a wrong password or a hash this hasher cannot read. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * True when `hash` was made with another algorithm or weaker parameters and should be replaced by a hash of
   * `password`, which has just been verified against it. Return false when a match does not prove `password` is the
   * one chosen (bcrypt reads only the first 72 bytes: a longer password may differ after them).
   */
  needsRehash(hash: string, password: string): boolean;
  /**
   * True when `hash` is a stored hash this hasher can check passwords against. The customer import refuses other
   * values (a plain password in the file, say) instead of storing them. Optional: without it every value is taken.
   */
  canRead?(hash: string): boolean;
}
export const PASSWORD_HASHER = Symbol('password.hasher');
