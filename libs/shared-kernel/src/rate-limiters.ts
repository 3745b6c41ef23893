import type * as Flexible from 'rate-limiter-flexible';

// The rate-limiter-flexible classes Patron uses, each from its own file: the package's main entry loads the limiters
// of every store it supports (Mongo, MySQL, DynamoDB, Prisma, etc.), which no Patron process needs.
export const RateLimiterMemory: typeof Flexible.RateLimiterMemory = require('rate-limiter-flexible/lib/RateLimiterMemory');
export const RateLimiterRedis: typeof Flexible.RateLimiterRedis = require('rate-limiter-flexible/lib/RateLimiterRedis');
export const RateLimiterRes: typeof Flexible.RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes');
export type RateLimiterRes = Flexible.RateLimiterRes;
export type RateLimiterAbstract = Flexible.RateLimiterAbstract;
