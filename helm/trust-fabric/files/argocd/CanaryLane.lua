-- Argo CD health check for trustfabric.io/CanaryLane, shipped by the Trust Fabric chart (docs/gitops.md).
-- Argo CD runs it as Lua 5.1 with only the base and table libraries: no string functions here.
local hs = {}
local meta = obj.metadata or {}
local generation = meta.generation
local status = obj.status

local function condition(conditionType)
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

-- "Reason: message", or whichever of the two is set
local function explain(c)
  if c.reason ~= nil and c.message ~= nil then
    return c.reason .. ": " .. c.message
  end
  return c.reason or c.message or ""
end

-- true when c (or else the whole status) was computed from the current spec
local function current(c)
  if generation == nil then
    return true
  end
  if c ~= nil and c.observedGeneration ~= nil and c.observedGeneration >= generation then
    return true
  end
  return status ~= nil and status.observedGeneration ~= nil and status.observedGeneration >= generation
end

if status == nil then
  -- no operator version reconciles CanaryLanes yet: say so instead of waiting forever
  hs.status = "Unknown"
  hs.message = "Not reconciled by this operator version: no Trust Fabric controller runs CanaryLanes yet, so this lane never runs and has no status."
  return hs
end
local judged = condition("Healthy")
if not current(judged) then
  hs.status = "Progressing"
  if status.observedGeneration ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (the status is from generation " .. status.observedGeneration .. ")."
  else
    hs.message = "Waiting for the operator to observe generation " .. generation .. "."
  end
  return hs
end

-- the verdict of the latest run, explained by the Healthy condition when there is one
local verdicts = {
  ["Healthy"] = { "Healthy", "The candidate's answers match the baseline's and its latency is within the tolerance." },
  ["Degraded"] = { "Degraded", "The candidate's p95 latency regressed beyond judge.maxP95RegressionPercent." },
  ["Failing"] = { "Degraded", "The candidate's answers differ from the baseline's, or it errs." },
  ["Inconclusive"] = { "Progressing", "Not enough evidence yet for a latency verdict." },
}
local verdict = nil
if status.verdict ~= nil then
  verdict = verdicts[status.verdict]
end
if verdict == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the first run to be judged."
  return hs
end
hs.status = verdict[1]
if judged ~= nil then
  hs.message = explain(judged)
else
  hs.message = "Verdict " .. status.verdict .. ": " .. verdict[2]
end
return hs
