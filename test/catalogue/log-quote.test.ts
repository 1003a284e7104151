import {describe, expect, test} from 'vitest'

import {quoteLog} from '../../src/catalogue/log-quote.js'

describe('quoteLog: the last meaningful lines of an unexplained crash', () => {
  test.each<{name: string; lines: string[]; quote: string[]}>([
    {
      lines: ['[INFO] Starting gunicorn 21.2.0', 'usage: gunicorn [OPTIONS] [APP_MODULE]', 'gunicorn: error: argument -w/--workers: expected one argument'],
      name: 'a usage error: the usage line and the error',
      quote: ['usage: gunicorn [OPTIONS] [APP_MODULE]', 'gunicorn: error: argument -w/--workers: expected one argument'],
    },
    {
      lines: ['Traceback (most recent call last):', '  File "/app/x.py", line 3, in <module>', '    raise ValueError("bad")', 'ValueError: bad'],
      name: "a traceback: its exception line, not its frames",
      quote: ['ValueError: bad'],
    },
    {
      lines: ['FATAL: a', 'ERROR b', 'error c', 'Exception d', 'critical e', 'fatal f', 'INFO done'],
      name: 'at most 5 lines, the last ones',
      quote: ['ERROR b', 'error c', 'Exception d', 'critical e', 'fatal f'],
    },
    {lines: ['starting', 'listening on 5000', '', 'bye'], name: 'nothing says error: the last lines', quote: ['starting', 'listening on 5000', 'bye']},
    {lines: [], name: 'no lines: no quote', quote: []},
    {
      lines: ['ERROR login failed: password=hunter2-very-secret token=AKIAABCDEFGHIJKLMNOP'],
      name: 'redacted',
      quote: [expect.not.stringContaining('AKIAABCDEFGHIJKLMNOP') as unknown as string],
    },
  ])('$name', ({lines, quote}) => {
    expect(quoteLog(lines)).toEqual(quote)
  })
})
