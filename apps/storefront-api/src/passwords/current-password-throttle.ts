/**
 * Wrong current passwords sent to `PATCH /customer-password/{ref}`, counted per client IP + customer like failed
 * logins (same limits): a stolen access token must not become a way to guess the password without limit.
 */
export const CURRENT_PASSWORD_THROTTLE = Symbol('storefront.current-password-throttle');
