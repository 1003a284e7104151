import {renderGithub} from './github.js'
import {renderJson} from './json.js'
import {renderJunit} from './junit.js'
import {renderMarkdown} from './markdown.js'
import type {DoctorReport} from './model.js'
import {renderText} from './text.js'

export const FORMATS = ['text', 'json', 'junit', 'markdown', 'github'] as const
export type Format = (typeof FORMATS)[number]

export function renderReport(report: DoctorReport, format: Format, options: {annotateInfos?: boolean; color: boolean; strict: boolean; verbose?: boolean}): string {
  switch (format) {
    case 'github': {
      return renderGithub(report, {infos: options.annotateInfos})
    }

    case 'json': {
      return renderJson(report)
    }

    case 'junit': {
      return renderJunit(report, options.strict)
    }

    case 'markdown': {
      return renderMarkdown(report)
    }

    case 'text': {
      return renderText(report, {color: options.color, verbose: options.verbose})
    }
  }
}
