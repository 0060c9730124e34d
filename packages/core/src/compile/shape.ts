/** Structural checks for data that arrives as JSON: compile trusts no field's type. */
import type { JsonValue } from '../model';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings kept, numbers and booleans read as `String(value)`, anything else dropped. */
export function stringsOf(value: unknown): string[] {
  const strings: string[] = [];
  for (const item of listOf(value)) {
    if (typeof item === 'string') strings.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') strings.push(String(item));
  }
  return strings;
}

/** A unit chain, or `fallback` when `value` is not a non-empty list of strings. */
export function chainOf(value: unknown, fallback: readonly string[]): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) return fallback;
  return value.every((item) => typeof item === 'string') ? value : fallback;
}

export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  return isRecord(value) && Object.values(value).every(isJsonValue);
}
