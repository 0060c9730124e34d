import type { FlagType, FlagValue, JsonValue } from '../model';
import type { UnleashFeature, UnleashPayload } from './types';

function payloadKind(payload: UnleashPayload): string {
  return payload.type === 'csv' || payload.type === undefined ? 'string' : payload.type;
}

/** No payloads → boolean; one payload kind → it (`csv` → string); mixed → json. */
export function flagTypeOf(feature: UnleashFeature): FlagType {
  const kinds = new Set<string>();
  const variants = [...(feature.variants ?? []), ...(feature.strategies ?? []).flatMap((s) => s.variants ?? [])];
  for (const variant of variants) if (variant.payload) kinds.add(payloadKind(variant.payload));
  if (kinds.size === 0) return 'boolean';
  const [only] = kinds;
  if (kinds.size === 1 && (only === 'string' || only === 'number' || only === 'json')) return only;
  return 'json';
}

function parseJson(text: string): JsonValue | undefined {
  try {
    const parsed: JsonValue = JSON.parse(text);
    return parsed;
  } catch {
    return undefined;
  }
}

function parseNumber(text: string): number | undefined {
  const number = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** A payload as a value of the flag's type, or `undefined` when it cannot be read as one. */
export function payloadValue(payload: UnleashPayload | undefined, type: FlagType): FlagValue | undefined {
  if (payload === undefined || type === 'boolean' || payload.value === undefined || payload.value === null)
    return undefined;
  const text = String(payload.value);
  const kind = payloadKind(payload);
  if (type === 'string') return text;
  if (type === 'number') return parseNumber(text);
  if (kind === 'json') return parseJson(text);
  if (kind === 'number') return parseNumber(text);
  return text;
}
