-- Argo CD health check for trustfabric.io/PartnerAllowlist, shipped by the Trust Fabric chart (docs/gitops.md).

local ready = condition("Ready")
if status == nil or not current(ready) then
  return waiting("Waiting for the operator to reconcile this PartnerAllowlist.")
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the Ready condition."
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(ready)
  return hs
end
if ready.status == "False" then
  -- PartnersRefused names no partner; the two detail conditions do
  hs.status = "Degraded"
  hs.message = explain(ready)
  for _, detail in ipairs({ "CredentialsResolved", "PartnersUnique" }) do
    local c = condition(detail)
    if c ~= nil and c.status == "False" then
      hs.message = hs.message .. " " .. explain(c)
    end
  end
  return hs
end
hs.status = "Progressing"
hs.message = "Ready is " .. (ready.status or "not set") .. ": " .. explain(ready)
return hs
