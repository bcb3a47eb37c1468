-- Argo CD health check for trustfabric.io/TrustPolicy, shipped by the Trust Fabric chart (docs/gitops.md).

local ready = condition("Ready")
if status == nil or not current(ready) then
  return waiting("Waiting for the operator to compile this TrustPolicy.")
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Ready condition."
  return hs
end
local compiled = condition("Compiled")
if ready.status == "True" and ready.reason == "PreviousRevisionInForce" then
  -- the workers still enforce the last good revision, but the spec in Git did not take effect
  hs.status = "Degraded"
  hs.message = explain(ready)
  if compiled ~= nil and compiled.status == "False" then
    hs.message = explain(compiled) .. " " .. explain(ready)
  end
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(ready)
  return hs
end
if ready.status == "False" then
  -- NoRevisionInForce (the tenant refuses every query), DuplicatePolicy or TenantNotFound
  hs.status = "Degraded"
  hs.message = explain(ready)
  if compiled ~= nil and compiled.status == "False" and compiled.reason ~= ready.reason then
    hs.message = explain(compiled) .. " " .. explain(ready)
  end
  return hs
end
hs.status = "Progressing"
hs.message = "Ready is " .. (ready.status or "not set") .. ": " .. explain(ready)
return hs
