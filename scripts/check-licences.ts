// The licence gate of .ci/run: `npx vite-node scripts/check-licences.ts`. Lists every package of
// the production tree (npm ls --omit=dev --all) with the licence its own package.json states, and
// exits 1 when one is under GPL, AGPL, LGPL, SSPL or a licence the policy does not know
// (scripts/licence-policy.ts).
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {judgeLicence, packagesOf, statedLicence} from './licence-policy.js'

const root = new URL('..', import.meta.url).pathname
// npm ls exits 1 on an invalid tree but still prints it; the tree is what is judged
let out: string
try {
  out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], {cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore']})
} catch (error) {
  out = (error as {stdout?: string}).stdout ?? ''
}

const packages = packagesOf(JSON.parse(out || '{}'))
if (packages.length === 0) {
  console.error('licences: npm ls listed no production package; run npm ci first')
  process.exit(1)
}

let failed = 0
for (const p of packages) {
  // the package's own package.json is the authority; npm ls's copy is the fallback
  const stated = p.path ? readStated(p.path) ?? p.license : p.license
  const verdict = judgeLicence(stated)
  if (!verdict.ok) failed++
  console.log(`${verdict.ok ? 'ok  ' : 'FAIL'} ${p.name}@${p.version}  ${stated ?? '(no licence stated)'}${verdict.ok ? '' : `  <- ${verdict.why === 'copyleft' ? 'copyleft licence' : 'unknown licence'}`}`)
}

console.log(`licences: ${packages.length} production packages checked, ${failed} not permissive`)
if (failed > 0) {
  console.log('Replace or remove each FAIL package (npm ls <name> shows who depends on it); a permissive licence missing from scripts/licence-policy.ts may be added there after review.')
  process.exit(1)
}

function readStated(path: string): string | undefined {
  try {
    return statedLicence(JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')))
  } catch {
    return undefined
  }
}
