import { DynamicModule, Module, Type } from '@nestjs/common';
import { pluginStack } from '@patron/shared-kernel';
import { PasswordConfig } from './password.config';
import { PASSWORD_HASHER, PasswordHasher } from './extension/password-hasher';
import { PASSWORD_POLICIES, PasswordPolicy } from './extension/password-policy';
import { Argon2idPasswordHasher } from './domain/argon2id-password-hasher';
import { LengthPasswordPolicy } from './policies/length.policy';
import { CharacterSetPasswordPolicy } from './policies/character-set.policy';
import { RepeatedCharactersPasswordPolicy } from './policies/repeated-characters.policy';
import { CommonPasswordPolicy } from './policies/common-password.policy';
import { BreachedPasswordPolicy } from './policies/breached-password.policy';
import { PasswordFacade } from './password.facade';

export interface PasswordModuleOptions {
  config?: Partial<PasswordConfig>;
  /** Replaces the argon2id hasher; it may inject `Argon2idPasswordHasher` to build on it. */
  hasher?: Type<PasswordHasher>;
  /** Replaces the policy list; order = check order. */
  policies?: Type<PasswordPolicy>[];
}

export const DEFAULT_PASSWORD_POLICIES: Type<PasswordPolicy>[] = [
  LengthPasswordPolicy,
  CharacterSetPasswordPolicy,
  RepeatedCharactersPasswordPolicy,
  CommonPasswordPolicy,
  BreachedPasswordPolicy,
];

@Module({})
export class PasswordModule {
  /** Global: every module that needs `PasswordFacade` gets the one the app configured. */
  static forRoot(options: PasswordModuleOptions = {}): DynamicModule {
    const policies = options.policies ?? DEFAULT_PASSWORD_POLICIES;
    return {
      module: PasswordModule,
      global: true,
      providers: [
        { provide: PasswordConfig, useValue: PasswordConfig.from(options.config) },
        Argon2idPasswordHasher,
        options.hasher ? { provide: PASSWORD_HASHER, useClass: options.hasher } : { provide: PASSWORD_HASHER, useExisting: Argon2idPasswordHasher },
        ...policies,
        pluginStack(PASSWORD_POLICIES, policies),
        PasswordFacade,
      ],
      exports: [PasswordFacade, PasswordConfig],
    };
  }
}
