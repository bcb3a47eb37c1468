package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Replays a window of a tenant's recorded traffic against one candidate change and reports what would differ. */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@Plural("whatifscenarios")
@ShortNames({"wis", "whatif"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenantRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Tenant whose traffic is replayed")
@AdditionalPrinterColumn(name = "Template", jsonPath = ".spec.template", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Kind of candidate change")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Pending, Running, Succeeded or Failed")
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Percent of the window replayed")
@AdditionalPrinterColumn(name = "Replayed", jsonPath = ".status.replayed", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Recorded decisions, charges or golden queries replayed so far")
@AdditionalPrinterColumn(name = "Changed", jsonPath = ".status.summary.changed", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Replayed items whose outcome differs under the candidate")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class WhatIfScenario extends CustomResource<WhatIfScenarioSpec, WhatIfScenarioStatus> implements Namespaced {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("What to replay: tenant, template, window of recorded traffic and the candidate change.")
    public WhatIfScenarioSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Progress and outcome of the replay: phase, progress, summary, manifest, report and conditions.")
    public WhatIfScenarioStatus getStatus() {
        return super.getStatus();
    }
}
