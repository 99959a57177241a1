import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { gatewayErrorCodes, MAX_COMMANDS_PER_BATCH, rejectionReasons } from '../../shared/sync/protocol';
import { repoRoot } from './temp';

describe('central/openapi.yaml', () => {
  const spec = yaml.load(fs.readFileSync(path.join(repoRoot, 'central', 'openapi.yaml'), 'utf8')) as any;

  it('documents every endpoint the gateway routes', () => {
    expect(Object.keys(spec.paths).sort()).toEqual(['/v1/commands', '/v1/enroll', '/v1/health']);
  });

  it('lists the same error codes, rejection reasons and batch limit as the code', () => {
    expect(spec.components.schemas.Error.properties.error.properties.code.enum).toEqual([...gatewayErrorCodes]);
    expect(spec.components.schemas.CommandResult.properties.reason.enum).toEqual([...rejectionReasons]);
    expect(spec.paths['/v1/commands'].post.requestBody.content['application/json'].schema.properties.commands.maxItems).toBe(MAX_COMMANDS_PER_BATCH);
  });
});
