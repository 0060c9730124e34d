/**
 * `@rampart/core/testing`: a platform with a fake clock and a scripted fetch, for tests of
 * code that runs on core's stream reader (both SDKs' tests use it), so that they need neither
 * a network nor sleeps; and a seeded random source, for simulations that repeat.
 */
export { createFakePlatform } from './testing/fake-platform';
export type { FakeAnswer, FakePlatform, FakePlatformOptions, FakeRequest } from './testing/fake-platform';
export { createFakeClock } from './testing/fake-clock';
export type { FakeClock } from './testing/fake-clock';
export { createSeededRandom, sampleBinomial } from './testing/seeded-random';
