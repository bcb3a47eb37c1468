'use strict'
// The plan, item sets and per-element statistics of the side-by-side benchmark. They mirror the Java side
// (io.trustfabric.bench.openmined.ComparisonPlan, SyntheticItems, PerElementTiming) option for option,
// so both implementations do the same work and report it the same way.

const USAGE =
  'options: --server-sizes 10000,100000 --client-sizes 32,1000 --min-runs 3' +
  ' --setup-elements 50000 --query-elements 5000 --fpr 1e-9'

const DEFAULT_PLAN = Object.freeze({
  serverSizes: [10000, 100000],
  clientSizes: [32, 1000],
  minRuns: 3,
  setupElements: 50000,
  queryElements: 5000,
  fpr: 1e-9
})

const OPTIONS = {
  '--server-sizes': (plan, value) => ({ ...plan, serverSizes: sizes(value) }),
  '--client-sizes': (plan, value) => ({ ...plan, clientSizes: sizes(value) }),
  '--min-runs': (plan, value) => ({ ...plan, minRuns: integer(value) }),
  '--setup-elements': (plan, value) => ({ ...plan, setupElements: integer(value) }),
  '--query-elements': (plan, value) => ({ ...plan, queryElements: integer(value) }),
  '--fpr': (plan, value) => ({ ...plan, fpr: number(value) })
}

function parsePlan (args) {
  if (args.length % 2 !== 0) throw new Error(`every option needs a value; ${USAGE}`)
  let plan = { ...DEFAULT_PLAN }
  for (let i = 0; i < args.length; i += 2) {
    const apply = OPTIONS[args[i]]
    if (!apply) throw new Error(`unknown option ${args[i]}; ${USAGE}`)
    plan = apply(plan, args[i + 1])
  }
  return validate(plan)
}

function validate (plan) {
  const largest = largestServerSize(plan)
  for (const size of plan.serverSizes) {
    if (size < 1) throw new Error(`server size must be positive, got ${size}`)
  }
  for (const size of plan.clientSizes) {
    if (size < 2 || size > 2 * largest) {
      throw new Error(`client size ${size} must be between 2 and twice the largest server size`)
    }
  }
  if (plan.minRuns < 1 || plan.setupElements < 1 || plan.queryElements < 1) {
    throw new Error('run counts must be positive')
  }
  if (!(plan.fpr > 0 && plan.fpr < 1)) throw new Error(`--fpr must be in (0, 1), got ${plan.fpr}`)
  return plan
}

function sizes (value) {
  const list = value.split(',').map(s => integer(s.trim())).sort((a, b) => a - b)
  if (list.length === 0) throw new Error('at least one size is needed')
  return list
}

function integer (value) {
  if (!/^-?\d+$/.test(value)) throw new Error(`'${value}' is not a whole number`)
  return Number.parseInt(value, 10)
}

function number (value) {
  const parsed = Number(value)
  if (value.trim() === '' || Number.isNaN(parsed)) throw new Error(`'${value}' is not a number`)
  return parsed
}

const largestServerSize = plan => plan.serverSizes[plan.serverSizes.length - 1]
/** psi.js's numClientInputs: the largest request the setup is sized for. */
const numClientInputs = plan => plan.clientSizes[plan.clientSizes.length - 1]
const runsCovering = (plan, elements, perRun) => Math.max(plan.minRuns, Math.ceil(elements / perRun))
const setupRuns = (plan, serverSize) => runsCovering(plan, plan.setupElements, serverSize)
const queryRuns = (plan, clientSize) => runsCovering(plan, plan.queryElements, clientSize)

function range (from, to) {
  return Array.from({ length: to - from }, (_, i) => `user-${from + i}@example.com`)
}

const serverItems = serverSize => range(0, serverSize)
const expectedIntersection = clientSize => Math.floor(clientSize / 2)
/** The server's last c/2 items and c - c/2 items it does not have. */
function clientItems (serverSize, clientSize) {
  const first = serverSize - expectedIntersection(clientSize)
  return range(first, first + clientSize)
}

/**
 * Runs reduced to microseconds per element, as the Java side's PerElementTiming: wall time median, min and max
 * of the runs (nanoseconds, BigInt or Number); process CPU time of all runs together (nanoseconds) as the mean.
 */
function perElementTiming (implementation, operation, size, wallNanos, cpuNanos) {
  if (wallNanos.length === 0) throw new Error('a timing needs at least one run')
  if (size < 1) throw new Error(`elements per run must be positive, got ${size}`)
  if (Number(cpuNanos) < 0) throw new Error(`CPU time must not be negative, got ${cpuNanos}`)
  const sorted = wallNanos.map(Number).sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  const perElement = nanos => Number((nanos / 1000 / size).toFixed(3))
  return {
    implementation,
    operation,
    size,
    runs: sorted.length,
    medianMicrosPerElement: perElement(median),
    minMicrosPerElement: perElement(sorted[0]),
    maxMicrosPerElement: perElement(sorted[sorted.length - 1]),
    meanCpuMicrosPerElement: perElement(Number(cpuNanos) / sorted.length)
  }
}

module.exports = {
  USAGE,
  DEFAULT_PLAN,
  parsePlan,
  largestServerSize,
  numClientInputs,
  setupRuns,
  queryRuns,
  serverItems,
  clientItems,
  expectedIntersection,
  perElementTiming
}
