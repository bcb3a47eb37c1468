-- Argo CD health check for trustfabric.io/PrivacyBudget, shipped by the Trust Fabric chart (docs/gitops.md).

-- Available is the readiness condition: a lease for at least the cheapest query can be granted.
local available = condition("Available")
if status == nil or not current(available) then
  return waiting("Waiting for the operator to reconcile this PrivacyBudget.")
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
