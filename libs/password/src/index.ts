export * from './password.module';
export * from './password.facade';
export * from './password.config';
export * from './extension/password-hasher';
export * from './extension/password-policy';
export * from './domain/password.errors';
export { PASSWORD_CHARACTER_CLASSES } from './policies/character-set.policy';
export { Argon2idPasswordHasher } from './domain/argon2id-password-hasher';
