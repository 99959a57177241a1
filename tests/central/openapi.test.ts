import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BACKOFFICE_STATUSES } from '../../central/backoffice';
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
import { repoRoot } from './temp';

describe('central/openapi.yaml', () => {
  const spec = yaml.load(fs.readFileSync(path.join(repoRoot, 'central', 'openapi.yaml'), 'utf8')) as any;

  it('documents every endpoint the gateway routes', () => {
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/v1/backoffice/dossiers/{code}/status',
      '/v1/blobs',
      '/v1/blobs/bundle',
      '/v1/blobs/missing',
      '/v1/blobs/{sha256}',
      '/v1/commands',
      '/v1/dvcqg/dossiers/{code}',
      '/v1/enroll',
      '/v1/files/{sha256}',
      '/v1/health',
      '/v1/pull',
      '/v1/sequence-blocks',
    ]);
  });

  it('lists the same error codes, rejection reasons and batch limit as the code', () => {
    expect(spec.components.schemas.Error.properties.error.properties.code.enum).toEqual([...gatewayErrorCodes]);
    expect(spec.components.schemas.CommandResult.properties.reason.enum).toEqual([...rejectionReasons]);
    expect(spec.paths['/v1/commands'].post.requestBody.content['application/json'].schema.properties.commands.maxItems).toBe(MAX_COMMANDS_PER_BATCH);
    expect(spec.components.schemas.Command.properties.kind.enum).toEqual([...commandKinds]);
  });

  it('states the limits of blobs, pull pages and sequence blocks as the code has them', () => {
    expect(spec.paths['/v1/blobs'].post.requestBody.content['application/json'].schema.properties.size.maximum).toBe(MAX_BLOB_BYTES);
    expect(spec.paths['/v1/blobs/{sha256}'].patch.requestBody.content['application/offset+octet-stream'].schema.maxLength).toBe(MAX_CHUNK_BYTES);
    expect(spec.paths['/v1/blobs/missing'].post.requestBody.content['application/json'].schema.properties.sha256s.maxItems).toBe(MAX_BLOB_QUERY);
    expect(spec.paths['/v1/blobs/bundle'].post.requestBody.content[BLOB_BUNDLE_TYPE].schema.maxLength).toBe(MAX_BODY_BYTES);
    expect(spec.paths['/v1/blobs/bundle'].post.responses['200'].content['application/json'].schema.properties.blobs.maxItems).toBe(MAX_BUNDLE_BLOBS);
    expect(spec.paths['/v1/pull'].get.parameters.find((p: any) => p.name === 'limit').schema.maximum).toBe(MAX_PULL_LIMIT);
    expect(spec.paths['/v1/sequence-blocks'].post.requestBody.content['application/json'].schema.properties.count.maximum).toBe(MAX_SEQUENCE_BLOCK);
    expect(spec.components.schemas.Change.properties.kind.enum).toEqual(changeSchema.options.map((o) => o.shape.kind.value));
    expect(spec.paths['/v1/backoffice/dossiers/{code}/status'].post.requestBody.content['application/json'].schema.properties.status).toEqual({
      type: 'integer',
      minimum: Math.min(...BACKOFFICE_STATUSES),
      maximum: Math.max(...BACKOFFICE_STATUSES),
    });
  });
});
