-- Argo CD health check for trustfabric.io/PolicyMacro, shipped by the Trust Fabric chart (docs/gitops.md).

local accepted = condition("Accepted")
if status == nil or not current(accepted) then
  return waiting("Waiting for the operator to check this PolicyMacro.")
end
if accepted == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Accepted condition."
  return hs
end
if accepted.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(accepted)
  return hs
end
if accepted.status == "False" then
  -- InvalidMacro, VersionImmutable or PolicyEngineUnavailable: rules that use this version are not compiled
  hs.status = "Degraded"
  hs.message = explain(accepted)
  return hs
end
hs.status = "Progressing"
hs.message = "Accepted is " .. (accepted.status or "not set") .. ": " .. explain(accepted)
return hs
