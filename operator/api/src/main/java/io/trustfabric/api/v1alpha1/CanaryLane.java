package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Runs the same golden queries against a baseline and a candidate worker version and judges the difference. */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames({"cl", "canary"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenantRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Tenant whose workers are compared")
@AdditionalPrinterColumn(name = "Candidate", jsonPath = ".spec.candidate.image", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Candidate worker image")
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Healthy, Degraded, Failing or Inconclusive")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class CanaryLane extends CustomResource<CanaryLaneSpec, CanaryLaneStatus> implements Namespaced {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("What to compare: tenant, baseline and candidate images, golden queries and how to judge them.")
    public CanaryLaneSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The verdict of the latest run, its measurements and conditions.")
    public CanaryLaneStatus getStatus() {
        return super.getStatus();
    }
}
