-- Argo CD health check for trustfabric.io/TrustPolicy, shipped by the Trust Fabric chart (docs/gitops.md).
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

local ready = condition("Ready")
if status == nil or not current(ready) then
  hs.status = "Progressing"
  if generation == nil then
    hs.message = "Waiting for the operator to compile this TrustPolicy."
  elseif status ~= nil and status.observedGeneration ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (the status is from generation " .. status.observedGeneration .. ")."
  else
    hs.message = "Waiting for the operator to observe generation " .. generation .. "."
  end
  return hs
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
