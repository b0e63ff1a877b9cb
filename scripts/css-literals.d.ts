import type { Plugin } from 'vite';

export function minifyCss(text: string): string;
export function minifyCssLiterals(code: string): string;
export function cssLiterals(): Plugin;
export function cssLiteralsForTests(): { name: string; transform(context: { path: string; body: unknown }): { body: string } | undefined };
