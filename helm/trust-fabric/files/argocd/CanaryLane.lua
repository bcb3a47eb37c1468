-- Argo CD health check for trustfabric.io/CanaryLane, shipped by the Trust Fabric chart (docs/gitops.md).

if status == nil then
  -- no operator version reconciles CanaryLanes yet: say so instead of waiting forever
  hs.status = "Unknown"
  hs.message = "Not reconciled by this operator version: no Trust Fabric controller runs CanaryLanes yet, so this lane never runs and has no status."
  return hs
end
local judged = condition("Healthy")
if not current(judged) then
  return waiting(nil) -- generation is set: current() is true without it
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
