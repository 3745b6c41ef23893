import { z } from 'zod';

const EMAIL = z.email();

/** The form in which emails are compared: trimmed and lower-cased (uniqueness and login ignore case). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const isValidEmail = (email: string): boolean => EMAIL.safeParse(email).success;
