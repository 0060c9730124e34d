import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createApp } from './app.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { parseConfig } from './config.js';
import { createSilentLogger } from './base/logger.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import { parseDockerfile } from './test-support/dockerfile.js';
import { createTestClock } from './test-support/test-app.js';

const DEPLOY = fileURLToPath(new URL('../../../deploy/', import.meta.url));
const dockerfile = parseDockerfile(readFileSync(`${DEPLOY}Dockerfile`, 'utf8'));
const manifests = ['deployment.yaml', 'service.yaml', 'secret.example.yaml'].flatMap((file) =>
  parseAllDocuments(readFileSync(`${DEPLOY}kubernetes/${file}`, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    return record(document.toJS());
  }),
);

/** Reads a path of keys and indices out of parsed YAML, failing the test when it is absent. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null || !(step in current))
      throw new Error(`missing ${path.join('.')}`);
    current = Reflect.get(current, step);
  }
  return current;
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected a mapping, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function ofKind(kind: string): Record<string, unknown> {
  const found = manifests.find((manifest) => manifest.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} manifest`);
  return found;
}

const deployment = ofKind('Deployment');
const service = ofKind('Service');
const secret = ofKind('Secret');
const pod = at(deployment, 'spec', 'template', 'spec');
const container = record(list(at(pod, 'containers'))[0]);
const env = new Map(list(container.env).map((entry) => [String(at(entry, 'name')), record(entry)]));
const ports = list(container.ports).map(record);
const finalStage = Math.max(...dockerfile.map((instruction) => instruction.stage));
const final = dockerfile.filter((instruction) => instruction.stage === finalStage);
const declaredPort = Number(env.get('PORT')?.value);

/** A container port by number or by name, as probes and Services may give it. */
function containerPort(port: unknown): number {
  const named = ports.find((candidate) => candidate.name === port);
  return Number(named === undefined ? port : named.containerPort);
}

describe('deployment files', () => {
  it('build in several stages, run as a non-root user and carry the commit', () => {
    expect(dockerfile.filter((instruction) => instruction.keyword === 'FROM').length).toBeGreaterThanOrEqual(2);
    const user = final.filter((instruction) => instruction.keyword === 'USER').at(-1)?.args ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(Number(user.split(':')[0])).toBe(at(pod, 'securityContext', 'runAsUser'));
    expect(final.some((instruction) => instruction.keyword === 'ARG' && /^COMMIT(=|$)/.test(instruction.args))).toBe(
      true,
    );
    expect(final.find((instruction) => instruction.keyword === 'LABEL')?.args).toMatch(
      /org\.opencontainers\.image\.revision=\$\{?COMMIT\b/,
    );
    expect(final.find((instruction) => instruction.keyword === 'CMD')?.args).toContain('dist/main.js');
  });

  it("carry the web UI's files where the image's node_modules link to them", () => {
    const copies = final.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => instruction.args);
    expect(copies).toContain('--from=build /app/node_modules ./node_modules');
    expect(copies).toContain('--from=build /app/packages/admin-ui/dist ./packages/admin-ui/dist');
    expect(copies).toContain('--from=build /app/packages/admin-ui/package.json ./packages/admin-ui/package.json');
    // npm links the workspace package from node_modules/@rampart/ to packages/admin-ui.
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    expect(readlinkSync(join(root, 'node_modules/@rampart/admin-ui'))).toBe(join('..', '..', 'packages', 'admin-ui'));
  });

  it('agree on one port: the image, the container, the probes, the Service and the server', () => {
    const exposed = final
      .filter((instruction) => instruction.keyword === 'EXPOSE')
      .map((instruction) => Number(instruction.args));
    const imagePort = Number(
      /\bPORT=(\d+)/.exec(final.find((instruction) => instruction.keyword === 'ENV')?.args ?? '')?.[1],
    );
    expect(exposed).toEqual([declaredPort]);
    expect(imagePort).toBe(declaredPort);
    expect(parseConfig({}).port).toBe(declaredPort);
    expect(parseConfig({ PORT: String(env.get('PORT')?.value) }).port).toBe(declaredPort);
    expect(ports.map((port) => port.containerPort)).toEqual([declaredPort]);
    expect(containerPort(at(container, 'readinessProbe', 'httpGet', 'port'))).toBe(declaredPort);
    expect(containerPort(at(container, 'livenessProbe', 'httpGet', 'port'))).toBe(declaredPort);
    expect(containerPort(at(list(at(service, 'spec', 'ports'))[0], 'targetPort'))).toBe(declaredPort);
    // Listening on the pod's address, not only on its loopback where probes cannot reach.
    expect(parseConfig({ HOST: String(env.get('HOST')?.value) }).host).toBe('0.0.0.0');
  });

  it('probe routes the server has: readiness follows the store, liveness does not', async () => {
    const readiness = String(at(container, 'readinessProbe', 'httpGet', 'path'));
    const liveness = String(at(container, 'livenessProbe', 'httpGet', 'path'));
    const store = createSqliteStore({ filename: ':memory:' });
    const app = createApp({ store, bus: createMemoryBus(), clock: createTestClock(), logger: createSilentLogger() });
    expect((await app.request(readiness)).status).toBe(200);
    expect((await app.request(liveness)).status).toBe(200);
    await store.close();
    expect((await app.request(readiness)).status).toBe(503);
    expect((await app.request(liveness)).status).toBe(200);
  });

  it('run two replicas that never drop below two during a rollout', () => {
    expect(at(deployment, 'spec', 'replicas')).toBe(2);
    expect(at(deployment, 'spec', 'strategy', 'type')).toBe('RollingUpdate');
    expect(at(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable')).toBe(0);
    expect(at(pod, 'securityContext', 'runAsNonRoot')).toBe(true);
    for (const kind of ['requests', 'limits']) {
      expect(at(container, 'resources', kind, 'cpu')).toEqual(expect.anything());
      expect(at(container, 'resources', kind, 'memory')).toEqual(expect.anything());
    }
  });

  it('route traffic to the pods and read configuration from the Secret', () => {
    const labels = record(at(deployment, 'spec', 'template', 'metadata', 'labels'));
    expect(labels).toMatchObject(record(at(deployment, 'spec', 'selector', 'matchLabels')));
    expect(labels).toMatchObject(record(at(service, 'spec', 'selector')));
    const secretKeys = Object.keys(record(at(secret, 'stringData')));
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'RAMPART_ADMIN_TOKEN']) {
      const reference = at(env.get(name), 'valueFrom', 'secretKeyRef');
      expect(reference).toEqual({ name: at(secret, 'metadata', 'name'), key: name });
      expect(secretKeys).toContain(name);
    }
    // The example's values are what the server accepts, so that following it cannot fail at start-up.
    const example = Object.fromEntries(
      Object.entries(record(at(secret, 'stringData'))).map(([key, value]) => [key, String(value)]),
    );
    const config = parseConfig(example);
    expect(config.database.kind).toBe('postgres');
    expect(config.redisUrl).toBe(example.REDIS_URL);
    expect(config.adminToken?.length).toBeGreaterThanOrEqual(24);
  });
});
