'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const c = require('../comparison')

test('defaults are the brief\'s set sizes and match the Java plan\'s run counts', () => {
  const plan = c.parsePlan([])
  assert.deepEqual(plan.serverSizes, [10000, 100000])
  assert.deepEqual(plan.clientSizes, [32, 1000])
  assert.equal(c.numClientInputs(plan), 1000)
  assert.equal(c.setupRuns(plan, 10000), 5)
  assert.equal(c.setupRuns(plan, 100000), 3)
  assert.equal(c.queryRuns(plan, 32), 157)
  assert.equal(c.queryRuns(plan, 1000), 5)
  assert.equal(c.queryRuns(plan, 5000), 3)
})

test('options may come in any order and sizes are sorted', () => {
  const plan = c.parsePlan(['--client-sizes', '1000, 32', '--server-sizes', '2000,500', '--min-runs', '7', '--fpr', '1e-6'])
  assert.deepEqual(plan.serverSizes, [500, 2000])
  assert.deepEqual(plan.clientSizes, [32, 1000])
  assert.equal(plan.minRuns, 7)
  assert.equal(plan.fpr, 1e-6)
})

test('bad options are refused with the reason', () => {
  assert.throws(() => c.parsePlan(['--servers', '10']), /unknown option --servers/)
  assert.throws(() => c.parsePlan(['--min-runs']), /every option needs a value/)
  assert.throws(() => c.parsePlan(['--min-runs', 'many']), /'many' is not a whole number/)
  assert.throws(() => c.parsePlan(['--server-sizes', '100', '--client-sizes', '201']), /client size 201/)
  assert.throws(() => c.parsePlan(['--fpr', '1.5']), /--fpr must be in \(0, 1\)/)
  assert.throws(() => c.parsePlan(['--min-runs', '0']), /run counts must be positive/)
})

test('half of the client items are server items, the same strings as the Java side', () => {
  const server = new Set(c.serverItems(1000))
  const client = c.clientItems(1000, 33)
  assert.equal(server.size, 1000)
  assert.ok(server.has('user-0@example.com') && server.has('user-999@example.com'))
  assert.equal(new Set(client).size, 33)
  assert.equal(client.filter(item => server.has(item)).length, 16)
  assert.equal(c.expectedIntersection(33), 16)
})

test('per-element timing: wall median of odd and even run counts, min, max; CPU as the mean of all runs', () => {
  const odd = c.perElementTiming('x', 'setup', 1000, [9000000n, 1000000n, 2000000n], 6000000)
  assert.equal(odd.medianMicrosPerElement, 2)
  assert.equal(odd.minMicrosPerElement, 1)
  assert.equal(odd.maxMicrosPerElement, 9)
  assert.equal(odd.meanCpuMicrosPerElement, 2)
  assert.equal(odd.runs, 3)
  const even = c.perElementTiming('x', 'process', 10, [40000, 10000, 20000, 30000], 10000)
  assert.equal(even.medianMicrosPerElement, 2.5)
  assert.equal(even.meanCpuMicrosPerElement, 0.25)
  assert.throws(() => c.perElementTiming('x', 'setup', 1, [], 0), /at least one run/)
  assert.throws(() => c.perElementTiming('x', 'setup', 1, [1], -1), /must not be negative/)
})
