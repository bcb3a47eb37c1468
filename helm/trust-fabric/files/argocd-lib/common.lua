-- The start every Trust Fabric health check shares (files/argocd-lib/common.lua): the chart renders it after each
-- kind's first line. Argo CD runs the result as Lua 5.1 with only the base and table libraries: no string functions.
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

-- Progressing while the operator has not reported on this generation; firstTime when it never reported at all
local function waiting(firstTime)
  hs.status = "Progressing"
  if generation == nil then
    hs.message = firstTime
  elseif status ~= nil and status.observedGeneration ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (the status is from generation " .. status.observedGeneration .. ")."
  else
    hs.message = "Waiting for the operator to observe generation " .. generation .. "."
  end
  return hs
end
