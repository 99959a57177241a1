import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BACKOFFICE_STATUSES } from '../../central/backoffice';
import type { CentralDatabase } from '../../central/db/open';
import { gatewayRoutes } from '../../central/routes';
import {
  changeSchema,
  commandKinds,
  gatewayErrorCodes,
  BLOB_BUNDLE_TYPE,
  MAX_BLOB_BYTES,
  MAX_BLOB_QUERY,
  MAX_BODY_BYTES,
  MAX_BUNDLE_BLOBS,
  MAX_CHUNK_BYTES,
  MAX_COMMANDS_PER_BATCH,
  MAX_PULL_LIMIT,
  MAX_SEQUENCE_BLOCK,
  rejectionReasons,
} from '../../shared/sync/protocol';
import { repoRoot, tempDir } from './temp';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

describe('central/openapi.yaml', () => {
  const spec = yaml.load(fs.readFileSync(path.join(repoRoot, 'central', 'openapi.yaml'), 'utf8')) as any;

  it('documents every endpoint and method the gateway routes, and nothing else', () => {
    // Building the table touches no database: handlers only run when a request comes.
    const routes = gatewayRoutes({
      database: { kind: 'embedded' } as CentralDatabase,
      masterKey: Buffer.alloc(32),
      blobDir: tempDir(),
      publicUrl: 'http://127.0.0.1',
    });
    const routed = routes.flatMap((r) => Object.keys(r.methods).map((method) => `${method} ${r.path}`)).sort();
    const documented = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, operations]) =>
        Object.keys(operations)
          .filter((key) => HTTP_METHODS.has(key))
          .map((method) => `${method.toUpperCase()} ${p}`),
      )
      .sort();
    expect(routed.length).toBeGreaterThan(0);
    expect(documented).toEqual(routed);
  });

  it('routes each documented path template to its handler with the parameter it names', () => {
    const routes = gatewayRoutes({
      database: { kind: 'embedded' } as CentralDatabase,
      masterKey: Buffer.alloc(32),
      blobDir: tempDir(),
      publicUrl: 'http://127.0.0.1',
    });
    for (const r of routes) {
      const concrete = r.path.replace(/\{[^}]+\}/g, 'a'.repeat(64));
      const first = routes.find((candidate) => candidate.pattern.test(concrete));
      expect(first?.path, concrete).toBe(r.path);
      expect(r.pattern.exec(concrete)!.slice(1)).toEqual((r.path.match(/\{[^}]+\}/g) ?? []).map(() => 'a'.repeat(64)));
    }
  });

  it('lists the same error codes, rejection reasons and batch limit as the code', () => {
    expect(spec.components.schemas.Error.properties.error.properties.code.enum).toEqual([...gatewayErrorCodes]);
    expect(spec.components.schemas.CommandResult.properties.reason.enum).toEqual([...rejectionReasons]);
    expect(spec.paths['/v1/commands'].post.requestBody.content['application/json'].schema.properties.commands.maxItems).toBe(
      MAX_COMMANDS_PER_BATCH,
    );
    expect(spec.components.schemas.Command.properties.kind.enum).toEqual([...commandKinds]);
  });

  it('states the limits of blobs, pull pages and sequence blocks as the code has them', () => {
    expect(spec.paths['/v1/blobs'].post.requestBody.content['application/json'].schema.properties.size.maximum).toBe(MAX_BLOB_BYTES);
    expect(spec.paths['/v1/blobs/{sha256}'].patch.requestBody.content['application/offset+octet-stream'].schema.maxLength).toBe(
      MAX_CHUNK_BYTES,
    );
    expect(spec.paths['/v1/blobs/missing'].post.requestBody.content['application/json'].schema.properties.sha256s.maxItems).toBe(
      MAX_BLOB_QUERY,
    );
    expect(spec.paths['/v1/blobs/bundle'].post.requestBody.content[BLOB_BUNDLE_TYPE].schema.maxLength).toBe(MAX_BODY_BYTES);
    expect(spec.paths['/v1/blobs/bundle'].post.responses['200'].content['application/json'].schema.properties.blobs.maxItems).toBe(
      MAX_BUNDLE_BLOBS,
    );
    expect(spec.paths['/v1/pull'].get.parameters.find((p: any) => p.name === 'limit').schema.maximum).toBe(MAX_PULL_LIMIT);
    expect(spec.paths['/v1/sequence-blocks'].post.requestBody.content['application/json'].schema.properties.count.maximum).toBe(
      MAX_SEQUENCE_BLOCK,
    );
    expect(spec.components.schemas.Change.properties.kind.enum).toEqual(changeSchema.options.map((o) => o.shape.kind.value));
    expect(
      spec.paths['/v1/backoffice/dossiers/{code}/status'].post.requestBody.content['application/json'].schema.properties.status,
    ).toEqual({
      type: 'integer',
      minimum: Math.min(...BACKOFFICE_STATUSES),
      maximum: Math.max(...BACKOFFICE_STATUSES),
    });
  });
});
