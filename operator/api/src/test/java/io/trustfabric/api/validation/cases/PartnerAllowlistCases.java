package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.ApiPatterns;
import java.util.List;

final class PartnerAllowlistCases {

    static final ValidObject EXAMPLE = ValidObject.documented("PartnerAllowlist");

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("activePartners", 2).put("expiredPartners", 0).put("invalidPartners", 1).put("observedGeneration", 1);
        status.putArray("refusedPartnerIds").add("umbrella");
        Conditions.addTrue(status, "Ready", "PartnersPublished");
    });

    private PartnerAllowlistCases() {
    }

    static List<ValidObject> valid() {
        return List.of(WITH_STATUS,
                EXAMPLE.with("with the most partners", o -> Edits.fillToMaxItems(o, "/spec/partners", "id")));
    }

    static List<InvalidCase> invalid() {
        String oneMethod = "set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate";
        return List.of(
                handWritten(EXAMPLE, "two partners with one id", o -> partner(o, 1).put("id", "globex"),
                        at("spec.partners", "partner ids must be unique within the list")),
                handWritten(EXAMPLE, "an API key and a client certificate",
                        o -> partner(o, 0).with("credentials").putObject("clientCertificate").put("subject", "CN=globex"),
                        at("spec.partners[0].credentials", oneMethod)),
                handWritten(EXAMPLE, "no credentials", o -> partner(o, 1).with("credentials").removeAll(),
                        at("spec.partners[1].credentials", oneMethod)),
                handWritten(EXAMPLE, "a partner id that is not a DNS label", o -> partner(o, 0).put("id", "Globex_EU"),
                        at("spec.partners[0].id", "should match '" + ApiPatterns.DNS_LABEL + "'")),
                handWritten(EXAMPLE, "an expiry that is not RFC 3339", o -> partner(o, 0).put("expires", "31.12.2026"),
                        at("spec.partners[0].expires", "should match '" + ApiPatterns.DATE_TIME + "'")),
                handWritten(EXAMPLE, "a partner burst below its rate", o -> partner(o, 0).with("rate").put("burst", 5),
                        at("spec.partners[0].rate", "burst must be at least requestsPerSecond")),
                Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
    }

    private static ObjectNode partner(ObjectNode allowlist, int index) {
        return object(allowlist, "/spec/partners/" + index);
    }
}
