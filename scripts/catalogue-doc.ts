// Writes docs/catalogue.md from the catalogue's data: `npx vite-node scripts/catalogue-doc.ts`.
import {writeFileSync} from 'node:fs'

import {renderCatalogueDoc} from '../src/catalogue/doc.js'

writeFileSync(new URL('../docs/catalogue.md', import.meta.url), renderCatalogueDoc())
console.log('wrote docs/catalogue.md')
