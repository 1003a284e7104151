import {describe, expect, it} from 'vitest'

import {redactText} from '../../src/catalogue/redact.js'

const SECRET = 'sup3r-S3cret_value/42'

describe('redactText masks credential-shaped substrings', () => {
  const cases: [string, string, string][] = [
    ['AWS access key id', 'using key AKIAIOSFODNN7EXAMPLE now', 'using key *** now'],
    ['temporary access key id', 'ASIAZZZZZZZZZZZZZZZZ', '***'],
    ['aws_secret_access_key=', `aws_secret_access_key=${SECRET}`, 'aws_secret_access_key=***'],
    ['AWS_SECRET_ACCESS_KEY with spaces', `AWS_SECRET_ACCESS_KEY = ${SECRET} next`, 'AWS_SECRET_ACCESS_KEY = *** next'],
    ['JSON client_secret', `{"client_id": "abc", "client_secret": "${SECRET}", "tenant": "quilt-dtt"}`, '{"client_id": "abc", "client_secret": "***", "tenant": "quilt-dtt"}'],
    ['JSON with escaped quote in value', String.raw`{"client_secret": "a\"b${SECRET}"}`, '{"client_secret": "***"}'],
    ['Python repr client_secret', `{'client_id': 'abc', 'client_secret': '${SECRET}'}`, "{'client_id': 'abc', 'client_secret': '***'}"],
    ['Python repr, double-quoted value', `{'client_secret': "it's ${SECRET}"}`, `{'client_secret': "***"}`],
    ['escaped JSON inside a log message', String.raw`body={\"client_secret\": \"${SECRET}\"}`, String.raw`body={\"client_secret\": \"***\"}`],
    ['password=', `db password=${SECRET} host=x`, 'db password=*** host=x'],
    ['token= in a query string', `GET /cb?token=${SECRET}&state=1`, 'GET /cb?token=***&state=1'],
    ['secret= quoted', `secret="${SECRET}"`, 'secret="***"'],
    ['BENCHLING_CLIENT_SECRET=', `BENCHLING_CLIENT_SECRET=${SECRET}`, 'BENCHLING_CLIENT_SECRET=***'],
    ['Bearer token', `Authorization: Bearer ${SECRET}`, 'Authorization: Bearer ***'],
    ['Basic auth', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic ***'],
    ['URL credentials', `postgres://app:${SECRET.replace('/', '')}@db:5432/x`, 'postgres://app:***@db:5432/x'],
    ['JWT', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end', 'id *** end'],
    ['private key block', `x -----BEGIN RSA PRIVATE KEY-----\nMIIE${SECRET}\n-----END RSA PRIVATE KEY----- y`, 'x *** y'],
    ['truncated private key', `-----BEGIN PRIVATE KEY-----\nMIIE${SECRET}`, '***'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', '***'],
  ]
  it.each(cases)('%s', (_name, input, expected) => {
    const out = redactText(input)
    expect(out).toBe(expected)
    expect(out).not.toContain(SECRET)
    expect(redactText(out)).toBe(out)
  })
})

describe('redactText leaves ordinary lines alone', () => {
  const lines = [
    'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
    'Missing required configuration: BENCHLING_CLIENT_SECRET, BENCHLING_TENANT',
    'Access denied to secret: benchling-webhook-secret',
    'Secret not found: arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf',
    'User: arn:aws:sts::123456789012:assumed-role/TaskRole/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: bench',
    'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): retrieved secret from Secrets Manager did not contain json key app_definition_id',
    '(service benchling-webhook-service) (port 5000) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/bw/abc) due to (reason Health checks failed with these codes: [502]).',
    "KeyError: 'BENCHLING_TENANT'",
    'BenchlingSecret=arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf',
    '{"client_secret": ""}',
    'Invalid secret structure: missing required fields: client_secret',
    'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z',
    'AROAEXAMPLEID12345678:session is fine',
  ]
  it.each(lines)('%s', (line) => {
    expect(redactText(line)).toBe(line)
  })
})

describe('unquoted keys with a colon (YAML, log lines)', () => {
  it.each([
    ['password: hunter2-PLANTED', 'password: ***'],
    ['db_password: "PLANTED pw"', 'db_password: "***"'],
    ['client_secret: PLANTED', 'client_secret: ***'],
    ['  api_key: PLANTED,', '  api_key: ***,'],
    ['auth token: PLANTED', 'auth token: ***'],
  ])('%s', async (line, expected) => {
    const {redactText} = await import('../../src/catalogue/redact.js')
    expect(redactText(line)).toBe(expected)
  })

  it.each(['Access denied to secret: benchling-webhook-credentials', 'Secret not found: benchling', 'password: ***'])('leaves %s alone', async (line) => {
    const {redactText} = await import('../../src/catalogue/redact.js')
    expect(redactText(line)).toBe(line)
  })
})
