import {Flags} from '@oclif/core'

import {BwopsCommand} from '../base-command.js'
import {builtinChecks} from '../checks/index.js'
import {loadPluginChecks} from '../checks/plugins.js'
import {docsFor} from '../checks/types.js'

export default class Checks extends BwopsCommand {
  static override description = 'Lists every check doctor can run: its id, title, the facts it needs and what it looks for. Checks from installed plugins are listed too.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {
    json: Flags.boolean({description: 'print the catalogue as JSON'}),
  }

  static override summary = 'List the check catalogue'

  public async run(): Promise<void> {
    const {flags} = await this.parse(Checks)
    const plugins = await loadPluginChecks(this.config, builtinChecks)
    const rows = [
      ...builtinChecks.map((c) => ({...c, origin: 'built-in'})),
      ...plugins.checks.map((c) => ({...c, origin: 'plugin'})),
    ].map((c) => ({description: c.description, docs: c.docs ?? docsFor(c.id), id: c.id, needs: [...c.needs], origin: c.origin, title: c.title, uses: [...(c.uses ?? [])]}))
    if (flags.json) {
      this.log(JSON.stringify({checks: rows, notices: plugins.problems}, null, 2))
      return
    }

    for (const problem of plugins.problems) this.logToStderr(`note: ${problem}`)
    for (const row of rows) {
      this.log(`${row.id}  ${row.title}${row.origin === 'plugin' ? ' (plugin)' : ''}`)
      this.log(`  needs: ${row.needs.join(', ') || 'nothing'}${row.uses.length > 0 ? `; uses when known: ${row.uses.join(', ')}` : ''}`)
      this.log(`  looks for: ${row.description}`)
      if (row.origin === 'plugin' && row.docs) this.log(`  docs: ${row.docs}`)
      this.log('')
    }

    this.log(`${rows.length} checks. Details: docs/checks/<id>.md${plugins.checks.length > 0 ? ', a plugin check\'s at its docs link' : ''}`)
  }
}
