import {describe, expect, it} from 'vitest'

import {redactText} from '../../src/catalogue/redact.js'
import {redactCommand} from '../../src/checks/lib/health-command.js'

// The opposite failure: redaction so eager it hides what an operator needs to act (which secret, which
// key, which variable, which role). Each text here names things and holds no value: it must pass
// through unchanged. Beside each, a near miss that does hold a value and must be masked.

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-webhook-credentials-Xy12Ab'

describe('redactText keeps names', () => {
  it.each([
    // a JSON-key reference: the key after the colon is the key ECS reads, not a value
    `${ARN}:client_secret::`,
    `${ARN}:api_key:AWSCURRENT:`,
    `unable to retrieve secret from asm: ${ARN}:client_secret:: did not contain json key client_secret`,
    'arn:aws:ssm:us-east-1:123456789012:parameter/app/db_password',
    `BENCHLING_CLIENT_SECRET=${ARN}`,
    'Access denied to secret: benchling/credentials',
    `User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN}`,
    'container BenchlingWebhookContainer: environment BENCHLING_CLIENT_SECRET (value hidden)',
    'secret benchling-webhook keys: client_id, client_secret, tenant',
    'token=${TOKEN} password={{resolve:secretsmanager:db:SecretString:password}}',
    'curl -f http://localhost:5000/health || exit 1',
    '(service benchling-webhook-service) has reached a steady state.',
  ])('%s', (text) => {
    expect(redactText(text)).toBe(text)
  })

  it.each([
    [`${ARN} client_secret: PLANTED`, `${ARN} client_secret: ***`],
    ['curl -u admin:PLANTED http://localhost:5000/health', 'curl -u admin:*** http://localhost:5000/health'],
    ['curl --user=admin:PLANTED http://x', 'curl --user=admin:*** http://x'],
    ['GET /health?token=PLANTED&x=1', 'GET /health?token=***&x=1'],
    // a shell variable is kept only in the upper case of an environment variable
    ['password=$uperS3cret token=$API_TOKEN', 'password=*** token=$API_TOKEN'],
  ])('masks the value in %s', (text, masked) => {
    expect(redactText(text)).toBe(masked)
    expect(redactText(masked)).toBe(masked)
  })
})

describe('redactCommand keeps the command readable', () => {
  it.each([
    [['CMD-SHELL', 'curl -f http://localhost:5000/health || exit 1']],
    [['CMD', 'python', '-c', 'import urllib.request; urllib.request.urlopen("http://localhost:5000/health")']],
    [['gunicorn', '--bind', '0.0.0.0:5000', '--workers', '2', 'app:app']],
    // flags that name where a credential is take a path or an id, which stays
    [['bwops', 'deploy', '--client-secret-file', 'secret.txt', '--client-secret-id', ARN]],
    [['app', '--token-path', '/run/secrets/token']],
  ])('%j', (command) => {
    expect(redactCommand(command)).toEqual(command)
  })

  it.each([
    [['gunicorn', '--client-secret', 'PLANTED', 'app:app'], ['gunicorn', '--client-secret', '<hidden>', 'app:app']],
    [['app', '--api-key=PLANTED'], ['app', '--api-key=***']],
    [['CMD', 'curl', '-H', 'Authorization: Bearer PLANTED', 'http://localhost:5000/health'], ['CMD', 'curl', '-H', '<hidden>', 'http://localhost:5000/health']],
    [['CMD-SHELL', 'curl -f http://localhost:5000/health?token=PLANTED || exit 1'], ['CMD-SHELL', 'curl -f http://localhost:5000/health?token=*** || exit 1']],
  ])('hides the value in %j', (command, hidden) => {
    expect(redactCommand(command)).toEqual(hidden)
  })
})
