import { PasswordConfig } from '../src/password.config';
import { LengthPasswordPolicy } from '../src/policies/length.policy';
import { CharacterSetPasswordPolicy } from '../src/policies/character-set.policy';
import { RepeatedCharactersPasswordPolicy } from '../src/policies/repeated-characters.policy';
import { CommonPasswordPolicy } from '../src/policies/common-password.policy';

const config = new PasswordConfig();

describe('password policies (contract defaults)', () => {
  it('length: 12 to 128 characters', () => {
    const policy = new LengthPasswordPolicy(config);
    expect(policy.check('Aa1!aaaaaaa')).toBe('too-short');
    expect(policy.check('Aa1!bcdefghi')).toBeNull();
    expect(policy.check('A'.repeat(128))).toBeNull();
    expect(policy.check('A'.repeat(129))).toBe('too-long');
  });

  it('character set: upper, lower, digit and a listed special character, nothing else', () => {
    const policy = new CharacterSetPasswordPolicy(config);
    expect(policy.check('Abcdefgh1!xy')).toBeNull();
    for (const special of '!@#$%^&*()_-+=[]{}|;:<>.,/?\\~') expect(policy.check(`Abcdefgh1${special}xy`)).toBeNull();
    expect(policy.check('abcdefgh1!xy')).toBe('invalid-character-set');
    expect(policy.check('ABCDEFGH1!XY')).toBe('invalid-character-set');
    expect(policy.check('Abcdefghi!xy')).toBe('invalid-character-set');
    expect(policy.check('Abcdefgh12xy')).toBe('invalid-character-set');
    expect(policy.check('Abcdefgh1!xü')).toBe('invalid-character-set');
    expect(policy.check('Abcdefgh1!x y')).toBe('invalid-character-set');
    expect(policy.check('Abcdefgh1"xy')).toBe('invalid-character-set');
  });

  it('sequence: no character three times in a row', () => {
    const policy = new RepeatedCharactersPasswordPolicy(config);
    expect(policy.check('Aab1!aab1!aa')).toBeNull();
    expect(policy.check('Abbb1!xyz123')).toBe('repeated-characters');
    expect(policy.check('Xyz1!!!xyzab')).toBe('repeated-characters');
    expect(new RepeatedCharactersPasswordPolicy(PasswordConfig.from({ maxRepeatedCharacters: 0 })).check('aaaaaa')).toBeNull();
  });

  it('deny list: common passwords, ignoring case and the digits and symbols added to them', () => {
    const policy = new CommonPasswordPolicy(config);
    expect(policy.check('P030710p$e4o')).toBe('common-password');
    expect(policy.check('PASSWORD123')).toBe('common-password');
    expect(policy.check('Password123!')).toBe('common-password');
    expect(policy.check('Qwerty123456!')).toBe('common-password');
    expect(policy.check('P@ssw0rd2024')).toBe('common-password');
    expect(policy.check('Correct-Horse7!')).toBeNull();
    expect(policy.check('Xk9#mQ2$vL7!pR')).toBeNull();
    expect(new CommonPasswordPolicy(PasswordConfig.from({ denyCommonPasswords: false })).check('Password123!')).toBeNull();
  });
});
