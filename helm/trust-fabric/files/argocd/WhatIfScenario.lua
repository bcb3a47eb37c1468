-- Argo CD health check for trustfabric.io/WhatIfScenario, shipped by the Trust Fabric chart (docs/gitops.md).

-- Completed is False while the replay waits or runs and True once it ended (Succeeded or Failed, the phase says).
local completed = condition("Completed")
if status == nil or not current(completed) then
  return waiting("Waiting for the operator to reconcile this WhatIfScenario.")
end
local phase = status.phase
if phase == "Succeeded" then
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
