/**
 * A few checks in zod's shape for the answers the first screen reads
 * (discovery, the challenge endpoint, OAuth errors), so zod/mini itself
 * loads only with the later answers (tokens, userinfo, passkeys): about
 * 18 KB of code that the first paint would otherwise evaluate. Same rules as
 * there: loose objects (OPs add fields freely, we insist only on what we
 * use), optional fields absent rather than undefined, the first problem
 * named by its path. `parser()` gives the `safeParse` that core/http.ts
 * takes from either.
 */
import type { SafeParser } from '../http.js';

class Invalid extends Error {}

/** Reads `value` at `path`; throws `Invalid` with what is wrong. */
export type Check<T> = (value: unknown, path: string) => T;
/** A field that may be absent. */
export type Optional<T> = Check<T | undefined> & { optional: true };

const invalid = (path: string, what: string): never => {
  throw new Invalid(`${path || 'the answer'}: ${what}`);
};

export const string: Check<string> = (value, path) => (typeof value === 'string' ? value : invalid(path, 'expected a string'));
export const nonEmptyString: Check<string> = (value, path) => (string(value, path) ? (value as string) : invalid(path, 'must not be empty'));
export const boolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : invalid(path, 'expected true or false'));
export const number: Check<number> = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? value : invalid(path, 'expected a number'));

export function optional<T>(check: Check<T>): Optional<T> {
  return Object.assign((value: unknown, path: string) => (value === undefined ? undefined : check(value, path)), { optional: true as const });
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (value, path) => (Array.isArray(value) ? value.map((item, i) => check(item, `${path}[${i}]`)) : invalid(path, 'expected a list'));
}

export function refine<T>(check: Check<T>, ok: (value: T) => boolean, message: string): Check<T> {
  return (value, path) => {
    const checked = check(value, path);
    return ok(checked) ? checked : invalid(path, message);
  };
}

type Shape = Record<string, Check<unknown>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
type Out<C> = C extends Check<infer T> ? Exclude<T, undefined> : never;
export type Infer<S extends Shape> = { [K in RequiredKeys<S>]: Out<S[K]> } & { [K in OptionalKeys<S>]?: Out<S[K]> } & Record<string, unknown>;

/** An object with these fields (others kept as they are). */
export function looseObject<S extends Shape>(shape: S): Check<Infer<S>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(path, 'expected an object');
    const out: Record<string, unknown> = { ...value };
    for (const [key, check] of Object.entries(shape)) {
      const field = check((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (field === undefined) delete out[key];
      else out[key] = field;
    }
    return out as Infer<S>;
  };
}

export function parser<T>(check: Check<T>): SafeParser<T> {
  return {
    safeParse(data) {
      try {
        return { success: true, data: check(data, '') };
      } catch (error) {
        if (error instanceof Invalid) return { success: false, error: { message: error.message } };
        throw error;
      }
    },
  };
}
