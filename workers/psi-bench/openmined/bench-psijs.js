'use strict'
// OpenMined's half of the side-by-side benchmark (run-compare.sh runs both): times (wall and process CPU) psi.js 2.0.6
// (C++ compiled to WebAssembly, P-256) on one thread, the same cases, warm-up and checks as
// io.trustfabric.bench.openmined.OpenMinedComparison, and prints one JSON line per case.
// Usage: node bench-psijs.js [options]   (options: see comparison.js USAGE)

const PSI = require('@openmined/psi.js')
const PSI_VERSION = require('@openmined/psi.js/package.json').version
const c = require('./comparison')

const IMPLEMENTATION = 'psi.js'
const WARM_UP_SETUP_ITEMS = 10000
const WARM_UP_QUERY_ROUNDS = 5
const REVEAL_INTERSECTION = false // cardinality only (PSI-CA), as our measured mode

const progress = message => process.stderr.write(`[${IMPLEMENTATION} ${PSI_VERSION}] ${message}\n`)

function record (output, operation, size, runs, work) {
  progress(`timing ${operation} of ${size} elements, ${runs} runs`)
  const wall = []
  let last
  const cpuStarted = process.cpuUsage()
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint()
    last = work()
    wall.push(process.hrtime.bigint() - started)
  }
  const cpu = process.cpuUsage(cpuStarted) // microseconds, all threads of the process
  output.push(c.perElementTiming(IMPLEMENTATION, operation, size, wall, (cpu.user + cpu.system) * 1000))
  return last
}

function requireIntersection (client, setup, response, clientSize) {
  const found = client.getIntersectionSize(setup, response)
  const expected = c.expectedIntersection(clientSize)
  if (found !== expected) {
    throw new Error(`intersection size ${found} for a request of ${clientSize} elements, expected ${expected}:` +
      ' the measured protocol is broken')
  }
}

function run (psi, plan) {
  const server = psi.server.createWithNewKey(REVEAL_INTERSECTION)
  const client = psi.client.createWithNewKey(REVEAL_INTERSECTION)
  const fpr = plan.fpr
  const numClientInputs = c.numClientInputs(plan)
  const output = []
  try {
    const warmUpSize = Math.min(WARM_UP_SETUP_ITEMS, c.largestServerSize(plan))
    progress(`warming up: one setup of ${warmUpSize} items, ${WARM_UP_QUERY_ROUNDS} request/process rounds` +
      ` of ${numClientInputs} elements`)
    const warmUpSetup = server.createSetupMessage(fpr, numClientInputs, c.serverItems(warmUpSize))
    const warmUpClient = c.clientItems(warmUpSize, numClientInputs)
    for (let round = 0; round < WARM_UP_QUERY_ROUNDS; round++) {
      const response = server.processRequest(client.createRequest(warmUpClient))
      requireIntersection(client, warmUpSetup, response, numClientInputs)
    }

    let largestSetup
    for (const serverSize of plan.serverSizes) {
      const items = c.serverItems(serverSize)
      const setup = record(output, 'setup', serverSize, c.setupRuns(plan, serverSize),
        () => server.createSetupMessage(fpr, numClientInputs, items))
      output.push({
        implementation: IMPLEMENTATION,
        operation: 'setup-message',
        size: serverSize,
        bytes: setup.serializeBinary().length
      })
      for (const clientSize of plan.clientSizes) {
        const response = server.processRequest(client.createRequest(c.clientItems(serverSize, clientSize)))
        requireIntersection(client, setup, response, clientSize)
      }
      largestSetup = setup
    }

    for (const clientSize of plan.clientSizes) {
      const items = c.clientItems(c.largestServerSize(plan), clientSize)
      const runs = c.queryRuns(plan, clientSize)
      const request = record(output, 'request', clientSize, runs, () => client.createRequest(items))
      const response = record(output, 'process', clientSize, runs, () => server.processRequest(request))
      requireIntersection(client, largestSetup, response, clientSize)
    }
    progress('done')
    return output
  } finally {
    server.delete()
    client.delete()
  }
}

async function main () {
  let plan
  try {
    plan = c.parsePlan(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`bench-psijs: ${e.message}\n`)
    process.exit(64)
  }
  const psi = await PSI()
  for (const line of run(psi, plan)) process.stdout.write(JSON.stringify(line) + '\n')
}

main().catch(e => {
  process.stderr.write(`bench-psijs: ${e.stack || e}\n`)
  process.exit(1)
})
