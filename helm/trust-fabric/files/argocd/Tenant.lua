-- Argo CD health check for trustfabric.io/Tenant, shipped by the Trust Fabric chart (docs/gitops.md).

-- Paused first: while paused the operator keeps Ready and observedGeneration as they were.
local annotations = meta.annotations or {}
local pausedBy = annotations["trustfabric.io/paused"]
local paused = condition("Paused")
if paused ~= nil and paused.status == "True" then
  hs.status = "Suspended"
  hs.message = explain(paused)
  return hs
end
if pausedBy == "true" or pausedBy == "True" or pausedBy == "TRUE" then
  hs.status = "Suspended"
  hs.message = "The annotation trustfabric.io/paused=true is set: the operator changes nothing for this Tenant until it is removed."
  return hs
end

local ready = condition("Ready")
if status == nil or not current(ready) then
  return waiting("Waiting for the operator to reconcile this Tenant.")
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Ready condition."
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(ready)
  local policy = condition("PolicyReady")
  if policy ~= nil and policy.status == "False" then
    hs.message = hs.message .. " PolicyReady is False: " .. explain(policy)
  end
  return hs
end
if ready.status == "False" and ready.reason == "WorkersNotReady" then
  -- the objects are in place; the workers are starting, or were scaled to zero on purpose
  local workers = condition("WorkersAvailable")
  if workers ~= nil and workers.reason == "ScaledToZero" then
    hs.status = "Suspended"
    hs.message = explain(workers)
    return hs
  end
  hs.status = "Progressing"
  hs.message = explain(ready)
  if workers ~= nil then
    hs.message = hs.message .. " " .. explain(workers)
  end
  return hs
end
if ready.status == "False" then
  hs.status = "Degraded"
  hs.message = explain(ready)
  return hs
end
hs.status = "Progressing"
hs.message = "Ready is " .. (ready.status or "not set") .. ": " .. explain(ready)
return hs
