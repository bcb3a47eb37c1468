-- Argo CD health check for trustfabric.io/PrivacyBudget, shipped by the Trust Fabric chart (docs/gitops.md).
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

-- Available is the readiness condition: a lease for at least the cheapest query can be granted.
local available = condition("Available")
if status == nil or not current(available) then
  hs.status = "Progressing"
  if generation == nil then
    hs.message = "Waiting for the operator to reconcile this PrivacyBudget."
  elseif status ~= nil and status.observedGeneration ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (the status is from generation " .. status.observedGeneration .. ")."
  else
    hs.message = "Waiting for the operator to observe generation " .. generation .. "."
  end
  return hs
end
if available == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Available condition."
  return hs
end
if available.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(available)
  local nearLimit = condition("NearLimit")
  if nearLimit ~= nil and nearLimit.status == "True" then
    hs.message = explain(nearLimit)
  end
  return hs
end
if available.status == "False" then
  -- BudgetSpent (charged queries refused until the period ends) or InvalidSpec
  hs.status = "Degraded"
  hs.message = explain(available)
  return hs
end
hs.status = "Progressing"
hs.message = "Available is " .. (available.status or "not set") .. ": " .. explain(available)
return hs
