import {describe, expect, test} from 'vitest'

import type {TaskFact} from '../../src/facts/live-types.js'
import {taskRan} from '../../src/facts/task-ran.js'

const task = (over: Partial<TaskFact>, container: TaskFact['containers'][number] = {name: 'Web'}): TaskFact => ({containers: [container], taskArn: 'arn', taskDefinitionArn: 'td:1', taskId: 't1', ...over})

describe('taskRan: whether to read a stopped task\'s logs, and whether a missing stream is a problem', () => {
  test.each<{name: string; task: TaskFact; ran: ReturnType<typeof taskRan>}>([
    {name: 'startedAt set', ran: 'ran', task: task({startedAt: '2026-01-01T00:00:00Z', stopCode: 'EssentialContainerExited'})},
    {name: 'no startedAt but an exit code: crashed before RUNNING', ran: 'ran', task: task({stopCode: 'EssentialContainerExited'}, {exitCode: 1, name: 'Web'})},
    {name: 'TaskFailedToStart with an exit code', ran: 'ran', task: task({stopCode: 'TaskFailedToStart'}, {exitCode: 1, name: 'Web'})},
    {name: 'TaskFailedToStart, no exit code: never ran', ran: 'never', task: task({stopCode: 'TaskFailedToStart'}, {lastStatus: 'STOPPED', name: 'Web'})},
    {name: 'a container status past PENDING', ran: 'ran', task: task({stopCode: 'UserInitiated'}, {lastStatus: 'RUNNING', name: 'Web'})},
    {name: 'nothing known: try once', ran: 'unknown', task: task({stopCode: 'UserInitiated'}, {lastStatus: 'PENDING', name: 'Web'})},
  ])('$name', ({ran, task: t}) => {
    expect(taskRan(t)).toBe(ran)
  })
})
