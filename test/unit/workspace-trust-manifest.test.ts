// Settings a cloned repository could plant must not apply in Restricted Mode: VS Code ignores a workspace's
// value for every setting the manifest lists in restrictedConfigurations. The e2e tests show the workspace
// endpoint being asked about once trusted (test/e2e/dialogs.test.ts); this holds the list itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { credentialProcessFailure } from '../../src/core/awsErrors';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

void describe('restricted configurations', () => {
  void it('lists the endpoint and the profile (where signed requests go, and with whose credentials)', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const setting of ['ivsKeys.endpoint', 'ivsKeys.profile']) assert.ok(restricted.includes(setting), `${setting} is not restricted`);
    for (const setting of restricted) assert.ok(setting in manifest.contributes.configuration.properties, `${setting} is not a setting of this extension`);
  });
});

void describe('credentialProcessFailure', () => {
  void it('keeps only the first stderr line, redacted', () => {
    assert.equal(credentialProcessFailure('Command failed: helper --get\n\n  token expired, run helper login  \nsecret_access_key=abc\n'), 'token expired, run helper login');
    assert.equal(credentialProcessFailure('Command failed: helper\naws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'), 'aws_secret_access_key=[REDACTED secret access key]');
    assert.equal(credentialProcessFailure('Command failed: helper\n'), '');
    assert.equal(credentialProcessFailure('Profile p credential_process returned invalid JSON.'), undefined);
  });
});
