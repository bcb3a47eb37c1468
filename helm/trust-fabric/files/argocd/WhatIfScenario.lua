-- Argo CD health check for trustfabric.io/WhatIfScenario, shipped by the Trust Fabric chart (docs/gitops.md).
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
  -- no operator version reconciles WhatIfScenarios yet: say so instead of waiting forever
  hs.status = "Unknown"
  hs.message = "Not reconciled by this operator version: no Trust Fabric controller replays WhatIfScenarios yet, so this scenario never runs and has no status."
  return hs
end
local completed = condition("Completed")
if not current(completed) then
  hs.status = "Progressing"
  if status.observedGeneration ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (the status is from generation " .. status.observedGeneration .. ")."
  else
    hs.message = "Waiting for the operator to observe generation " .. generation .. "."
  end
  return hs
end
local phase = status.phase
if phase == "Completed" then
  hs.status = "Healthy"
  if completed ~= nil then
    hs.message = explain(completed)
  elseif status.summary ~= nil and status.summary.replayed ~= nil and status.summary.changed ~= nil then
    hs.message = "Replayed " .. status.summary.replayed .. " recorded decisions; " .. status.summary.changed
      .. " would change."
  else
    hs.message = "The replay completed."
  end
  return hs
end
if phase == "Failed" then
  hs.status = "Degraded"
  if completed ~= nil then
    hs.message = explain(completed)
  else
    hs.message = "The replay failed."
  end
  return hs
end
hs.status = "Progressing"
if phase == "Running" and status.progress ~= nil then
  hs.message = "Replaying: " .. status.progress .. " % of the window done."
elseif phase == "Running" then
  hs.message = "Replaying the recorded traffic."
else
  hs.message = "Waiting for the replay to start."
end
return hs
